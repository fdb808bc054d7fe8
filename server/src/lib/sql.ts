/**
 * Quotes a table or column name for SQL. Names come from the collection registry, never from a request; this
 * refuses anything that is not a plain lower-case SQL name, so a registry mistake cannot become an injection.
 */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Refusing SQL identifier "${name}"`);
  return `"${name}"`;
}
