/**
 * CloudKitty's v1 quote call (`POST /v1/rating/quote`) with hashmap rating
 * rules, for offline tests: a flat cost per unit of a service, or per unit
 * of a service whose metadata field has a value (CloudKitty's hashmap
 * module: the highest flat cost of a group applies, times the quantity; a
 * resource no rule matches costs 0). The test bed runs the real CloudKitty.
 */

/**
 * A hashmap rule: `cost` per unit and collect period of `service`, or only
 * where its metadata `field` equals `value`.
 *
 * @public
 */
export interface FakeHashmapRule {
  service: string;
  field?: string;
  value?: string;
  cost: number;
}

/** @public */
export class FakeCloudKitty {
  /** The body of each quote call, in order. */
  readonly quotes: unknown[] = [];

  constructor(private readonly rules: FakeHashmapRule[]) {}

  /** The answer to a quote body: the price, as CloudKitty's JSON decimal. */
  quote(body: unknown): number {
    this.quotes.push(body);
    const resources = (body as { resources?: unknown })?.resources;
    if (!Array.isArray(resources)) {
      throw new Error('Invalid input for field/attribute resources');
    }
    let price = 0;
    for (const r of resources as Array<{
      service: string;
      volume: string;
      desc?: { metadata?: Record<string, string> };
    }>) {
      const metadata = r.desc?.metadata ?? {};
      // One group per rule here: rules of a service add up.
      for (const rule of this.rules) {
        if (rule.service !== r.service) continue;
        if (rule.field && String(metadata[rule.field]) !== rule.value) continue;
        price += rule.cost * Number(r.volume);
      }
    }
    return Math.round(price * 1e9) / 1e9;
  }
}
