import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { describeQuotaViolations } from '@canopy-idp/plugin-openstack-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Alert from '@material-ui/lab/Alert';
import { openstackApiRef } from '../../api';
import { errorMessage } from '@canopy-idp/frontend-common';
import { describeLocation, useFormLocation } from '../common/formValues';
import { PreviewField } from '../common/PreviewField';
import { SourceWarnings } from '../common/SourceWarnings';
import { useHeldValue } from '../common/useHeldValue';
import { useLocatedAsync } from '../common/useOpenStackLookup';
import { evaluateQuota, readQuotaInputs } from './evaluate';
import { QuotaTable } from './QuotaTable';
import type {
  OpenStackQuotaPreviewUiOptions,
  OpenStackQuotaPreviewValue,
} from './schema';

/** Props of {@link OpenStackQuotaPreview}. */
export type OpenStackQuotaPreviewProps = FieldExtensionComponentProps<
  OpenStackQuotaPreviewValue,
  OpenStackQuotaPreviewUiOptions
>;

/**
 * Shows what the form's request takes from each of the project's quotas in
 * the chosen cloud and region and what is left, flags every exceeded limit,
 * and holds `{ ok, violations }` so that the step's validation can block.
 *
 * @public
 */
export const OpenStackQuotaPreview = (props: OpenStackQuotaPreviewProps) => {
  const { onChange, formData, formContext, uiSchema } = props;
  const options: OpenStackQuotaPreviewUiOptions =
    uiSchema?.['ui:options'] ?? {};
  const api = useApi(openstackApiRef);
  const { location } = useFormLocation(formContext, options.locationField);
  const data = useLocatedAsync(
    location,
    async ({ cloud, region, project }) => {
      const [flavors, quota] = await Promise.all([
        api.lookup(cloud, region, 'flavors', { project }),
        api.quotaHeadroom(cloud, region, { project }),
      ]);
      return { flavors, quota };
    },
    [api],
  );
  const where = location ? describeLocation(location) : '';

  // Re-read the inputs only when one of them changes.
  const inputsKey = JSON.stringify(
    readQuotaInputs(formContext?.formData, options),
  );
  const evaluation = useMemo(() => {
    if (!data.value) {
      return undefined;
    }
    return evaluateQuota(
      JSON.parse(inputsKey),
      data.value.flavors.items,
      data.value.quota.headroom,
      where,
    );
  }, [inputsKey, data.value, where]);

  const next: OpenStackQuotaPreviewValue | undefined =
    evaluation?.kind === 'checked'
      ? {
          ok: evaluation.violations.length === 0,
          violations: evaluation.violations,
        }
      : undefined;
  useHeldValue(next, formData, v => typeof v?.ok === 'boolean', onChange);

  return (
    <PreviewField
      field={props}
      title="Quota"
      located={Boolean(location)}
      then="check the quota"
    >
      {data.loading && <LinearProgress aria-label="Checking the quota" />}
      {data.error && (
        <Alert severity="error">{`Could not check the quota of ${where}: ${errorMessage(
          data.error,
        )}`}</Alert>
      )}
      {evaluation?.kind === 'incomplete' && (
        <Alert severity="info">{evaluation.message}</Alert>
      )}
      {evaluation?.kind === 'checked' && data.value && (
        <>
          <QuotaTable
            request={evaluation.request}
            violations={evaluation.violations}
            headroom={data.value.quota.headroom}
          />
          {evaluation.violations.length ? (
            <Alert severity="error">{`This request exceeds the project's quota: ${describeQuotaViolations(
              evaluation.violations,
            )}`}</Alert>
          ) : (
            <Alert severity="success">{`The request fits in the project's remaining quota in ${where}`}</Alert>
          )}
        </>
      )}
      <SourceWarnings sources={data.value?.quota.sources} what="quotas" />
      <SourceWarnings sources={data.value?.flavors.sources} what="flavors" />
    </PreviewField>
  );
};
