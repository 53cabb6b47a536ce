/** Binary search over a sorted array: the index of the first element not less than `key`. */
export function lowerBound<T extends string | number>(sorted: readonly T[], key: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
