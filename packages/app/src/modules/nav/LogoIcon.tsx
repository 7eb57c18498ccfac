import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 28 },
});

/** Canopy's mark: three tree crowns over a trunk, drawn for the sidebar. */
export const CanopyMark = ({ className }: { className?: string }) => (
  <svg
    className={className}
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 64 64"
    role="img"
    aria-label="Canopy"
  >
    <circle cx="20" cy="26" r="14" fill="#2e7d32" />
    <circle cx="44" cy="26" r="14" fill="#43a047" />
    <circle cx="32" cy="16" r="14" fill="#66bb6a" />
    <rect x="29" y="30" width="6" height="28" rx="2" fill="#8d6e63" />
  </svg>
);

export const LogoIcon = () => {
  const classes = useStyles();
  return <CanopyMark className={classes.svg} />;
};
