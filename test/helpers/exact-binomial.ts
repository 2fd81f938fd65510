/**
 * P(X ≤ k) for X ~ Binomial(n, d / (c + d)), as an exact fraction in BigInt:
 * Σ C(n, j) d^j c^(n−j) / (c + d)^n, to 30 decimal places. The independent check of the hub's
 * floating-point binomialCdf (src/tasking/effect.ts).
 */
export function exactCdf(k: number, n: number, c: number, d: number): number {
  let num = 0n;
  let choose = 1n;
  for (let j = 0; j <= k; j += 1) {
    num += choose * BigInt(d) ** BigInt(j) * BigInt(c) ** BigInt(n - j);
    choose = (choose * BigInt(n - j)) / BigInt(j + 1);
  }
  return Number((num * 10n ** 30n) / BigInt(c + d) ** BigInt(n)) / 1e30;
}
