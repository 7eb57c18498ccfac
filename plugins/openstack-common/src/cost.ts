import type { OpenStackCostEstimate } from './types';

/**
 * An amount for people: monthly amounts to the cent (two decimals), hourly
 * ones to four, rounded half away from zero (Intl.NumberFormat); the
 * estimate itself stays exact to a millionth.
 *
 * @public
 */
export function formatCost(
  amount: number,
  currency: string,
  per: 'hour' | 'month' = 'month',
): string {
  const digits = per === 'hour' ? 4 : 2;
  const number = new Intl.NumberFormat('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
  return currency ? `${number} ${currency}` : number;
}

/**
 * Why a request is over its project's monthly budget, or undefined when it
 * is within it (or the project has none).
 *
 * @public
 */
export function describeBudgetOverrun(
  estimate: OpenStackCostEstimate,
  project: string,
): string | undefined {
  const b = estimate.budget;
  if (!b || b.exceededBy <= 0) return undefined;
  const money = (n: number) => formatCost(n, estimate.currency);
  return `project ${project} has a monthly budget of ${money(
    b.monthly,
  )}: its resources cost ${money(
    b.runRate,
  )} a month now, this request adds ${money(estimate.monthly)}, ${money(
    b.afterRequest,
  )} in all (over by ${money(b.exceededBy)})`;
}

/**
 * The estimate as Markdown, for a pull request's description: the total,
 * each item, what could not be priced, the budget and the price source.
 *
 * @public
 */
export function describeCostEstimate(estimate: OpenStackCostEstimate): string {
  const c = estimate.currency;
  if (estimate.source.kind === 'none') {
    return `**Estimated cost:** not priced (${estimate.source.detail}).`;
  }
  const lines = [
    `**Estimated cost:** ${formatCost(
      estimate.monthly,
      c,
    )} a month (${formatCost(estimate.hourly, c, 'hour')} an hour)`,
    '',
    '| Item | Quantity | Unit price | Monthly |',
    '| --- | ---: | ---: | ---: |',
    ...estimate.items.map(
      i =>
        `| ${i.label} | ${i.quantity} | ${formatCost(
          i.unitPrice,
          c,
          'hour',
        )} / ${i.unit} | ${formatCost(i.monthly, c)} |`,
    ),
  ];
  if (estimate.unpriced.length) {
    lines.push(
      '',
      `Not priced: ${estimate.unpriced
        .map(u => `${u.item} (${u.reason})`)
        .join('; ')}.`,
    );
  }
  const b = estimate.budget;
  if (b) {
    lines.push(
      '',
      `Monthly budget: ${formatCost(b.monthly, c)}; now ${formatCost(
        b.runRate,
        c,
      )}, ${formatCost(b.afterRequest, c)} with this request${
        b.exceededBy > 0
          ? ` (over by ${formatCost(b.exceededBy, c)}${
              b.overridden ? ', overridden' : ''
            })`
          : ''
      }.`,
    );
  }
  lines.push(
    '',
    `Source: ${estimate.source.detail}, read ${estimate.source.at}. A month is 730 hours.`,
  );
  if (estimate.source.warning) {
    lines.push('', `**Warning:** ${estimate.source.warning}`);
  }
  return lines.join('\n');
}
