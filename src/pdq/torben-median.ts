/**
 * Torben Mogensen's median (N. Devillard's public-domain implementation, as vendored by PDQ in
 * `pdq/cpp/hashing/torben.cpp`). It never reorders the input and, with float32 arithmetic for
 * the midpoint guess, picks exactly the value the reference picks — including its choice for
 * even-length input, which is not the textbook average of the two middle values.
 */

/** Median of float32 values the way the PDQ reference computes it. */
export function torbenMedian(values: Float32Array): number {
  const n = values.length;
  if (n === 0) throw new RangeError('torbenMedian: no values');
  let min = values[0]!;
  let max = min;
  for (let i = 1; i < n; i++) {
    const value = values[i]!;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const half = Math.trunc((n + 1) / 2);
  let less = 0;
  let equal = 0;
  let guess = 0;
  let maxLessThanGuess = min;
  let minGreaterThanGuess = max;
  for (;;) {
    guess = Math.fround(Math.fround(min + max) / 2);
    less = 0;
    let greater = 0;
    equal = 0;
    maxLessThanGuess = min;
    minGreaterThanGuess = max;
    for (let i = 0; i < n; i++) {
      const value = values[i]!;
      if (value < guess) {
        less++;
        if (value > maxLessThanGuess) maxLessThanGuess = value;
      } else if (value > guess) {
        greater++;
        if (value < minGreaterThanGuess) minGreaterThanGuess = value;
      } else {
        equal++;
      }
    }
    if (less <= half && greater <= half) break;
    if (less > greater) max = maxLessThanGuess;
    else min = minGreaterThanGuess;
  }
  if (less >= half) return maxLessThanGuess;
  if (less + equal >= half) return guess;
  return minGreaterThanGuess;
}
