/**
 * The Jarosz blur-and-decimate that PDQ uses to bring any image down to 64×64
 * (reference: `pdq/cpp/downscaling/downscaling.cpp`). Two passes of a centred running-sum box
 * filter along rows then columns approximate a tent filter; every running sum and every division
 * is rounded to float32 exactly where the C++ rounds, so the output is bit-identical.
 *
 * The reference keeps two full-size float planes. Here the passes are streamed instead: rows are
 * filtered as they are produced, the column pass keeps only the last few filtered rows in a ring,
 * and the second pass keeps only the 64 sampled columns. Working memory is about 1/100 of one
 * full plane (a few hundred kilobytes to a few megabytes for photos) and stays in cache; on large
 * photos touching fresh memory costs more than the arithmetic does.
 */

/**
 * Box window for one pass: half of `oldDimension / newDimension`, rounded up, because two passes
 * together cover one full output cell (downscaling.cpp `computeJaroszFilterWindowSize`).
 */
export function jaroszWindowSize(oldDimension: number, newDimension: number): number {
  return Math.trunc((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

/**
 * Source index sampled for each of `outputSize` cells: the cell centre
 * `(int)(((i + 0.5) · inputSize) / outputSize)` in double precision (downscaling.cpp `decimateFloat`).
 */
export function decimationIndices(inputSize: number, outputSize: number): Int32Array {
  const indices = new Int32Array(outputSize);
  for (let i = 0; i < outputSize; i++) indices[i] = Math.trunc(((i + 0.5) * inputSize) / outputSize);
  return indices;
}

/** The four phases of `box1DFloat`: fill the window, grow it while writing, slide it, shrink it. */
type BoxPhases = { fill: number; grow: number; slide: number; shrink: number };

function boxPhases(vectorLength: number, windowSize: number): BoxPhases {
  // 7 → 4 and 8 → 5: odd windows are centred, even ones lean one sample ahead.
  const halfWindow = Math.trunc((windowSize + 2) / 2);
  return {
    fill: halfWindow - 1,
    grow: windowSize - halfWindow + 1,
    slide: vectorLength - windowSize,
    shrink: halfWindow - 1,
  };
}

/** One box pass over a contiguous vector (`box1DFloat` with stride 1), `input` and `output` distinct. */
export function boxFilterVector(
  input: Float32Array,
  inputOffset: number,
  output: Float32Array,
  outputOffset: number,
  length: number,
  windowSize: number,
): void {
  const { fill, grow, slide, shrink } = boxPhases(length, windowSize);
  let readRight = inputOffset;
  let readLeft = inputOffset;
  let write = outputOffset;
  let sum = 0;
  let count = 0;
  for (let step = 0; step < fill; step++) {
    sum = Math.fround(sum + input[readRight++]!);
    count++;
  }
  for (let step = 0; step < grow; step++) {
    sum = Math.fround(sum + input[readRight++]!);
    count++;
    output[write++] = sum / count;
  }
  for (let step = 0; step < slide; step++) {
    // Add then subtract, each rounded: the C++ order, which is not exact in float32.
    sum = Math.fround(Math.fround(sum + input[readRight++]!) - input[readLeft++]!);
    output[write++] = sum / count;
  }
  for (let step = 0; step < shrink; step++) {
    sum = Math.fround(sum - input[readLeft++]!);
    count--;
    output[write++] = sum / count;
  }
}

/**
 * The same pass over four consecutive vectors of `length` values at once (input and output rows
 * `length` apart). A running sum is a chain of dependent float operations, so one row at a time
 * leaves the CPU waiting on each rounding; four independent chains keep it busy (about 3× faster).
 */
export function boxFilterFourVectors(
  input: Float32Array,
  inputOffset: number,
  output: Float32Array,
  outputOffset: number,
  length: number,
  windowSize: number,
): void {
  const { fill, grow, slide, shrink } = boxPhases(length, windowSize);
  const second = length;
  const third = 2 * length;
  const fourth = 3 * length;
  let readRight = inputOffset;
  let readLeft = inputOffset;
  let write = outputOffset;
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  let count = 0;
  for (let step = 0; step < fill; step++, readRight++) {
    sum0 = Math.fround(sum0 + input[readRight]!);
    sum1 = Math.fround(sum1 + input[readRight + second]!);
    sum2 = Math.fround(sum2 + input[readRight + third]!);
    sum3 = Math.fround(sum3 + input[readRight + fourth]!);
    count++;
  }
  for (let step = 0; step < grow; step++, readRight++, write++) {
    sum0 = Math.fround(sum0 + input[readRight]!);
    sum1 = Math.fround(sum1 + input[readRight + second]!);
    sum2 = Math.fround(sum2 + input[readRight + third]!);
    sum3 = Math.fround(sum3 + input[readRight + fourth]!);
    count++;
    output[write] = sum0 / count;
    output[write + second] = sum1 / count;
    output[write + third] = sum2 / count;
    output[write + fourth] = sum3 / count;
  }
  for (let step = 0; step < slide; step++, readRight++, readLeft++, write++) {
    sum0 = Math.fround(Math.fround(sum0 + input[readRight]!) - input[readLeft]!);
    sum1 = Math.fround(Math.fround(sum1 + input[readRight + second]!) - input[readLeft + second]!);
    sum2 = Math.fround(Math.fround(sum2 + input[readRight + third]!) - input[readLeft + third]!);
    sum3 = Math.fround(Math.fround(sum3 + input[readRight + fourth]!) - input[readLeft + fourth]!);
    output[write] = sum0 / count;
    output[write + second] = sum1 / count;
    output[write + third] = sum2 / count;
    output[write + fourth] = sum3 / count;
  }
  for (let step = 0; step < shrink; step++, readLeft++, write++) {
    sum0 = Math.fround(sum0 - input[readLeft]!);
    sum1 = Math.fround(sum1 - input[readLeft + second]!);
    sum2 = Math.fround(sum2 - input[readLeft + third]!);
    sum3 = Math.fround(sum3 - input[readLeft + fourth]!);
    count--;
    output[write] = sum0 / count;
    output[write + second] = sum1 / count;
    output[write + third] = sum2 / count;
    output[write + fourth] = sum3 / count;
  }
}

/**
 * One box pass down every column of a `rows × cols` row-major matrix, `input` and `output`
 * distinct. The sums of all columns advance together row by row so memory is read in order;
 * each column still sees exactly the C++ sequence of operations.
 */
export function boxFilterColumns(input: Float32Array, output: Float32Array, rows: number, cols: number, windowSize: number): void {
  const column = new ColumnBoxFilter(cols, rows, windowSize);
  column.run(
    (row) => ({ array: input, offset: row * cols }),
    (row) => ({ array: output, offset: row * cols }),
  );
}

/** Where one row lives: an array and the offset of its first value. */
type RowLocation = { array: Float32Array; offset: number };

/**
 * The column pass as a stream: asks for input rows in increasing order (never more than
 * `windowSize` rows back) and hands out output rows in increasing order.
 */
class ColumnBoxFilter {
  private readonly sums: Float32Array;

  constructor(
    private readonly cols: number,
    private readonly rows: number,
    private readonly windowSize: number,
  ) {
    // Float32Array storage rounds every running sum to float32, like the C++ `float sum`.
    this.sums = new Float32Array(cols);
  }

  /** Runs the pass; `inputRow(r)` must stay valid until row r has been subtracted. */
  run(inputRow: (row: number) => RowLocation, outputRow: (row: number) => RowLocation, rowDone?: (row: number) => void): void {
    const { cols, sums } = this;
    const { fill, grow, slide, shrink } = boxPhases(this.rows, this.windowSize);
    sums.fill(0);
    let readRight = 0;
    let readLeft = 0;
    let write = 0;
    let count = 0;
    // Array and offset are copied to locals so the inner loops index plain typed arrays.
    for (let step = 0; step < fill; step++, readRight++) {
      const { array: add, offset: addOffset } = inputRow(readRight);
      for (let column = 0; column < cols; column++) sums[column] = sums[column]! + add[addOffset + column]!;
      count++;
    }
    for (let step = 0; step < grow; step++, readRight++, write++) {
      count++;
      const { array: add, offset: addOffset } = inputRow(readRight);
      const { array: out, offset: outOffset } = outputRow(write);
      for (let column = 0; column < cols; column++) {
        const sum = Math.fround(sums[column]! + add[addOffset + column]!);
        sums[column] = sum;
        out[outOffset + column] = sum / count;
      }
      rowDone?.(write);
    }
    for (let step = 0; step < slide; step++, readRight++, readLeft++, write++) {
      const { array: add, offset: addOffset } = inputRow(readRight);
      const { array: subtract, offset: subtractOffset } = inputRow(readLeft);
      const { array: out, offset: outOffset } = outputRow(write);
      for (let column = 0; column < cols; column++) {
        const sum = Math.fround(Math.fround(sums[column]! + add[addOffset + column]!) - subtract[subtractOffset + column]!);
        sums[column] = sum;
        out[outOffset + column] = sum / count;
      }
      rowDone?.(write);
    }
    for (let step = 0; step < shrink; step++, readLeft++, write++) {
      count--;
      const { array: subtract, offset: subtractOffset } = inputRow(readLeft);
      const { array: out, offset: outOffset } = outputRow(write);
      for (let column = 0; column < cols; column++) {
        const sum = Math.fround(sums[column]! - subtract[subtractOffset + column]!);
        sums[column] = sum;
        out[outOffset + column] = sum / count;
      }
      rowDone?.(write);
    }
  }
}

/** Writes image row `row` (cols values) into `out` starting at `offset`. */
export type RowReader = (row: number, out: Float32Array, offset: number) => void;

/** Options of `jaroszDownsample`. */
export type JaroszDownsampleOptions = {
  rows: number;
  cols: number;
  readRow: RowReader;
  outputRows: number;
  outputCols: number;
};

// Rows filtered together by boxFilterFourVectors.
const ROWS_AT_ONCE = 4;

/**
 * Two Jarosz passes (PDQ's `PDQ_NUM_JAROSZ_XY_PASSES`) over an image given row by row, then the
 * `outputRows × outputCols` decimation, row-major: identical to the reference's
 * `jaroszFilterFloat(…, 2)` followed by `decimateFloat`.
 */
export function jaroszDownsample(options: JaroszDownsampleOptions): Float32Array {
  const { rows, cols, readRow, outputRows, outputCols } = options;
  // The window along a row spans columns, so it comes from the column count, and vice versa.
  const windowAlongRows = jaroszWindowSize(cols, outputCols);
  const windowAlongCols = jaroszWindowSize(rows, outputRows);
  const sampledRows = decimationIndices(rows, outputRows);
  const sampledCols = decimationIndices(cols, outputCols);
  const rawRows = new Float32Array(ROWS_AT_ONCE * cols);

  // Stage 1: luma rows, box-filtered along the row, kept in a ring. The column pass reads at most
  // windowAlongCols rows behind the newest, and rows arrive four at a time, so this many slots
  // (a multiple of four, keeping each group of four contiguous) are never overwritten too early.
  const ringRows = Math.ceil((windowAlongCols + ROWS_AT_ONCE) / ROWS_AT_ONCE) * ROWS_AT_ONCE;
  const ring = new Float32Array(ringRows * cols);
  let rowsFiltered = 0;
  const filteredRow = (row: number): RowLocation => {
    while (rowsFiltered <= row) {
      const count = Math.min(ROWS_AT_ONCE, rows - rowsFiltered);
      for (let k = 0; k < count; k++) readRow(rowsFiltered + k, rawRows, k * cols);
      filterRows(rawRows, ring, (rowsFiltered % ringRows) * cols, count, cols, windowAlongRows);
      rowsFiltered += count;
    }
    return { array: ring, offset: (row % ringRows) * cols };
  };

  // Stage 2: the first column pass writes into a four-row buffer; stage 3, the second row pass,
  // filters each full buffer and keeps only the sampled columns.
  const columnFiltered = new Float32Array(ROWS_AT_ONCE * cols);
  const secondPassRows = new Float32Array(ROWS_AT_ONCE * cols);
  const narrow = new Float32Array(rows * outputCols);
  const flushSecondPass = (lastRow: number): void => {
    const firstRow = lastRow - (lastRow % ROWS_AT_ONCE);
    const count = lastRow - firstRow + 1;
    filterRows(columnFiltered, secondPassRows, 0, count, cols, windowAlongRows);
    for (let k = 0; k < count; k++) {
      const narrowOffset = (firstRow + k) * outputCols;
      for (let j = 0; j < outputCols; j++) narrow[narrowOffset + j] = secondPassRows[k * cols + sampledCols[j]!]!;
    }
  };
  new ColumnBoxFilter(cols, rows, windowAlongCols).run(
    filteredRow,
    (row) => ({ array: columnFiltered, offset: (row % ROWS_AT_ONCE) * cols }),
    (row) => {
      if (row % ROWS_AT_ONCE === ROWS_AT_ONCE - 1 || row === rows - 1) flushSecondPass(row);
    },
  );

  // Stage 4: the second column pass on the sampled columns only, then the sampled rows.
  const narrowFiltered = new Float32Array(rows * outputCols);
  boxFilterColumns(narrow, narrowFiltered, rows, outputCols, windowAlongCols);
  const output = new Float32Array(outputRows * outputCols);
  for (let i = 0; i < outputRows; i++) {
    const narrowOffset = sampledRows[i]! * outputCols;
    output.set(narrowFiltered.subarray(narrowOffset, narrowOffset + outputCols), i * outputCols);
  }
  return output;
}

/** Box-filters `count` (1..4) consecutive rows of `input` into consecutive rows of `output`. */
function filterRows(input: Float32Array, output: Float32Array, outputOffset: number, count: number, cols: number, windowSize: number): void {
  if (count === ROWS_AT_ONCE) {
    boxFilterFourVectors(input, 0, output, outputOffset, cols, windowSize);
    return;
  }
  for (let k = 0; k < count; k++) boxFilterVector(input, k * cols, output, outputOffset + k * cols, cols, windowSize);
}
