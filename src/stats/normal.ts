import { chiSquareUpperTail } from './intervals';

/** The 97.5th percentile of the standard normal, as R's qnorm(0.975), which survival uses for 95% intervals. */
export const Z_975 = 1.959963984540054;

/** The 80th percentile of the standard normal, qnorm(0.8): the z of 80% power. */
export const Z_80 = 0.8416212335729143;

/** The standard normal distribution function Φ, from the chi-square tail with one degree of freedom. */
export function normalCdf(x: number): number {
  const tail = 0.5 * chiSquareUpperTail(x * x, 1);
  return x >= 0 ? 1 - tail : tail;
}
