import SvgIcon, { type SvgIconProps } from '@material-ui/core/SvgIcon';

/**
 * The icon of the My requests page and its nav item: a checklist (the path
 * of Material's PlaylistAddCheck, drawn here so the plugin needs no icon
 * package).
 */
export const DeliveryIcon = (props: SvgIconProps) => (
  <SvgIcon {...props}>
    <path d="M14 10H2v2h12v-2zm0-4H2v2h12V6zM2 16h8v-2H2v2zm19.5-4.5L23 13l-6.99 7-4.51-4.5L13 14l3.01 3 5.49-5.5z" />
  </SvgIcon>
);
