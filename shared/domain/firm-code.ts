/**
 * A firm code as typed: any case, with spaces or dashes ("ab3-k7q" is "AB3K7Q"). The server looks
 * firms up by it, and a device files its device tokens under it, so both read a code one way.
 */
export function normalizeFirmCode(input: string): string {
  return input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}
