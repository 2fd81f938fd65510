// The standard normal distribution to double precision: erfc by its power series for small
// arguments and by its continued fraction (modified Lentz) for large ones, where the series
// would lose digits to cancellation.

const SQRT_PI = Math.sqrt(Math.PI);

function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n += 1) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
      break;
    }
  }
  return (2 / SQRT_PI) * sum;
}

function erfcContinuedFraction(x: number): number {
  // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n += 1) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) {
      break;
    }
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

/**
 * The complementary error function.
 * @example erfc(0) //= 1
 */
export function erfc(x: number): number {
  if (x < 0) {
    return 2 - erfc(-x);
  }
  return x < 2.5 ? 1 - erfSeries(x) : erfcContinuedFraction(x);
}

/**
 * Two-sided p-value of a standard normal z-score: P(|Z| ≥ |z|).
 * @example twoSidedP(1.959963984540054) //≈ 0.05
 */
export function twoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}
