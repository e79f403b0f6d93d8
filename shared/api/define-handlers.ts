/** The handler maps joined, as one type: each part's names with their handlers. */
type Joined<T extends readonly object[]> = T extends readonly [
  infer Head,
  ...infer Rest extends readonly object[],
]
  ? Head & Joined<Rest>
  : unknown;

/**
 * Joins the core's command (or query) handler maps into one, refusing a name registered twice.
 * An object spread would let the later handler silently replace the earlier one, so a copied
 * or renamed handler would take over a command without anyone noticing; this throws at
 * start-up instead, naming the command.
 */
export function defineHandlers<const T extends readonly object[]>(
  kind: 'command' | 'query',
  ...parts: T
): Joined<T> {
  const joined = new Map<string, unknown>();
  for (const part of parts) {
    for (const [name, handler] of Object.entries(part)) {
      if (joined.has(name)) {
        throw new Error(`the ${kind} "${name}" is registered twice: each name has one handler`);
      }
      joined.set(name, handler);
    }
  }
  return Object.fromEntries(joined) as Joined<T>;
}
