/** The 97.5th percentile of the standard normal, as R's qnorm(0.975), which survival uses for 95% intervals. */
export const Z_975 = 1.959963984540054;
