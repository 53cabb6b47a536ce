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

/**
 * Binary search over an ascending array: the index of the last element not greater than
 * `key`, 0 when there is none (line or row starts, which begin at the first offset asked).
 */
export function lastAtOrBefore(sorted: readonly number[], key: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= key) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Binary search over an ascending array: the index of the first element greater than `key`. */
export function upperBound(sorted: ArrayLike<number>, key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
