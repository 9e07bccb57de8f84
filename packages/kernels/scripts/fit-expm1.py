#!/usr/bin/env python3
"""The coefficients c2..c6 of tanh16's expm1(r) = r + r²·(c2 + r·(c3 + r·(c4 + r·(c5 + r·c6)))) on |r| ≤ ln2/2
(src/wasm/simd-kernels.wat): least largest relative error, by iteratively reweighted least squares (Lawson),
then rounded to float32. Prints the largest relative error before and after the rounding, and the float32 values."""
import numpy as np

half_ln2 = np.log(2) / 2
r = np.concatenate([np.linspace(-half_ln2, -1e-6, 20000), np.linspace(1e-6, half_ln2, 20000)])
exact = np.expm1(r)
powers = r[:, None] ** np.arange(5)  # the columns of c2..c6
target = (exact - r) / r**2
weights = np.ones_like(r)
for _ in range(80):
    scale = np.sqrt(weights) * r**2 / np.abs(exact)  # rows weighted so that residuals are relative errors of expm1
    coefficients, *_ = np.linalg.lstsq(powers * scale[:, None], target * scale, rcond=None)
    error = np.abs(r + r**2 * (powers @ coefficients) - exact) / np.abs(exact)
    weights = weights * error
    weights /= weights.sum()
rounded = coefficients.astype(np.float32).astype(np.float64)
print('largest relative error', error.max(), 'with float32 coefficients', (np.abs(r + r**2 * (powers @ rounded) - exact) / np.abs(exact)).max())
for k, c in enumerate(rounded, start=2):
    print(f'c{k} = {float(np.float32(c))!r}')
