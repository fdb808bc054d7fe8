/**
 * A linear undo/redo history. Running a step is asynchronous (a server write) and may fail: a step moves between
 * the stacks only once its run succeeded, so a refused undo can be tried again, and only one run happens at a time.
 */
export class UndoStack<Step> {
  private readonly done: Step[] = [];
  private readonly undone: Step[] = [];
  private running = false;

  constructor(private readonly limit = 200) {}

  get canUndo(): boolean {
    return !this.running && this.done.length > 0;
  }

  get canRedo(): boolean {
    return !this.running && this.undone.length > 0;
  }

  get busy(): boolean {
    return this.running;
  }

  /** The step an undo would take back, if any. */
  get nextUndo(): Step | undefined {
    return this.done[this.done.length - 1];
  }

  /** The step a redo would apply again, if any. */
  get nextRedo(): Step | undefined {
    return this.undone[this.undone.length - 1];
  }

  get size(): { done: number; undone: number } {
    return { done: this.done.length, undone: this.undone.length };
  }

  /** Records a step that was just applied; a new step makes the undone ones unreachable, as in every editor. */
  push(step: Step): void {
    this.done.push(step);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
  }

  /** Runs `run` on the newest applied step; on success the step can be redone. Returns the step, if any ran. */
  async undo(run: (step: Step) => Promise<void>): Promise<Step | undefined> {
    return this.move(this.done, this.undone, run);
  }

  /** Runs `run` on the newest undone step; on success it can be undone again. */
  async redo(run: (step: Step) => Promise<void>): Promise<Step | undefined> {
    return this.move(this.undone, this.done, run);
  }

  /** Runs a step-less action (a new edit) while no undo or redo is running; returns its result. */
  async exclusive<T>(action: () => Promise<T>): Promise<T> {
    if (this.running) throw new Error('Another edit is still being saved.');
    this.running = true;
    try {
      return await action();
    } finally {
      this.running = false;
    }
  }

  /** Forgets everything (sign-out). */
  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
  }

  private async move(from: Step[], to: Step[], run: (step: Step) => Promise<void>): Promise<Step | undefined> {
    const step = from[from.length - 1];
    if (step === undefined || this.running) return undefined;
    this.running = true;
    try {
      await run(step);
      from.pop();
      to.push(step);
      return step;
    } finally {
      this.running = false;
    }
  }
}
