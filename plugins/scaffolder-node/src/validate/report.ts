/** @public */
export interface Finding {
  level: 'error' | 'warning' | 'info';
  file: string;
  rule: string;
  message: string;
}

/**
 * What was checked against a schema (e.g. `argoproj.io/v1alpha1 Application`), and where that schema came from.
 *
 * @public
 */
export interface SchemaUse {
  subject: string;
  source: string;
}

/** @public */
export interface ValidationReport {
  ok: boolean;
  errors: number;
  warnings: number;
  filesChecked: number;
  findings: Finding[];
  /** One entry per kind that was checked against a schema. */
  schemas: SchemaUse[];
  markdown: string;
}

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' };

/** Markdown and structured report; findings sorted so the report is stable. */
export function buildReport(
  filesChecked: number,
  findings: Finding[],
  schemas: SchemaUse[] = [],
): ValidationReport {
  const sorted = [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
  const errors = sorted.filter(f => f.level === 'error').length;
  const warnings = sorted.filter(f => f.level === 'warning').length;
  const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `### Canopy validation: ${errors ? 'failed' : 'passed'}`,
    '',
    `${filesChecked} file(s) checked, ${errors} error(s), ${warnings} warning(s).`,
  ];
  if (sorted.length) {
    lines.push('', '| | File | Rule | Finding |', '|---|---|---|---|');
    for (const f of sorted) {
      lines.push(
        `| ${ICON[f.level]} | \`${escape(f.file)}\` | ${f.rule} | ${escape(
          f.message,
        )} |`,
      );
    }
  }
  if (schemas.length) {
    lines.push('', '<details><summary>Schemas used</summary>', '');
    for (const s of schemas) {
      lines.push(`- \`${escape(s.subject)}\`: ${escape(s.source)}`);
    }
    lines.push('', '</details>');
  }
  return {
    ok: errors === 0,
    errors,
    warnings,
    filesChecked,
    findings: sorted,
    schemas,
    markdown: `${lines.join('\n')}\n`,
  };
}
