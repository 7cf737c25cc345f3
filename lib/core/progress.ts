/** Progress of long work (a rebuild, an embedding run): called with work done so far and the total. */
export type Progress = (done: number, total: number) => void;
