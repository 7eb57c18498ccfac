function trimmed(value: number) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** 512 → "512 MiB", 2048 → "2 GiB", 1536 → "1.5 GiB". */
export function formatMiB(mib: number): string {
  if (mib >= 1024) {
    return `${trimmed(Math.round((mib / 1024) * 10) / 10)} GiB`;
  }
  return `${mib} MiB`;
}

/** An amount in its unit: RAM in MiB as formatMiB shows it, GiB as such, counts bare. */
export function formatAmount(n: number, unit?: 'MiB' | 'GiB'): string {
  if (unit === 'MiB') {
    return formatMiB(n);
  }
  return unit === 'GiB' ? `${n} GiB` : String(n);
}

/** "1 vCPU", "2 vCPUs". */
export function plural(count: number, singular: string, many = `${singular}s`) {
  return `${count} ${count === 1 ? singular : many}`;
}
