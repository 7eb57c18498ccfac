import { useEffect } from 'react';

/**
 * Keeps a preview field's form value equal to what it computed: calls
 * `onChange` when `next` differs from the value the form holds. `holds` says
 * whether the form's value is one the field wrote (the form may hold an empty
 * object until the first computation); `next` undefined clears it.
 */
export function useHeldValue<T>(
  next: T | undefined,
  formData: unknown,
  holds: (formData: any) => boolean,
  onChange: (value: T | undefined) => void,
) {
  const nextKey = JSON.stringify(next ?? null);
  const currentKey = JSON.stringify(holds(formData) ? formData : null);
  useEffect(() => {
    if (nextKey !== currentKey) {
      onChange(JSON.parse(nextKey) ?? undefined);
    }
  }, [nextKey, currentKey, onChange]);
}
