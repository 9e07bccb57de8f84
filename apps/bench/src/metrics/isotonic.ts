/**
 * The least mean squared error of any non-decreasing sequence fit to `values`, in their order (pool
 * adjacent violators). It bounds what a 1-D flow can do: its map x(0) ↦ x(T) is increasing, and its
 * trajectory t ↦ x(t) of an autonomous field is monotone.
 */
export function increasingFloor(values: readonly number[]): number {
  const blocks: Array<{ sum: number; count: number }> = [];
  const mean = (b: { sum: number; count: number }) => b.sum / b.count;
  for (const value of values) {
    blocks.push({ sum: value, count: 1 });
    while (blocks.length > 1 && mean(blocks[blocks.length - 2]) > mean(blocks[blocks.length - 1])) {
      const last = blocks.pop() as { sum: number; count: number };
      blocks[blocks.length - 1].sum += last.sum;
      blocks[blocks.length - 1].count += last.count;
    }
  }
  let index = 0;
  let squares = 0;
  for (const block of blocks) for (let i = 0; i < block.count; i++) squares += (mean(block) - values[index++]) ** 2;
  return squares / values.length;
}

/** The least MSE of any monotone (non-decreasing or non-increasing) sequence fit to `values`. */
export function monotoneFloor(values: readonly number[]): number {
  return Math.min(increasingFloor(values), increasingFloor(values.map((v) => -v)));
}
