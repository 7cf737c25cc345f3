import type { HistoryIndex } from './history-index.js';
import { loadHistory, saveHistory } from './persist.js';

/**
 * The commit history index's copy on disk (history.json): which head it holds, reading it at
 * the first history question rather than before listening, taking the one a build child saved,
 * and saving it again whenever the history moved past it.
 */
export class SavedHistory {
  /** The head saved in history.json (undefined: none saved by this process or found). */
  private savedHead: string | null | undefined;

  constructor(
    private readonly commits: HistoryIndex,
    private readonly indexDir: string,
  ) {}

  /** Read at the first history question or save (HistoryIndex.ready), not before listening. */
  loadWhenNeeded(): void {
    this.commits.loadWhenNeeded(
      () => loadHistory(this.indexDir),
      (history) => (this.savedHead = history.head),
    );
  }

  /** Whether the history in memory moved past what is saved. */
  get moved(): boolean {
    return this.commits.knownHead !== this.savedHead;
  }

  /** Loads the history a build child walked and saved; false when it saved none. */
  async adoptFromChild(savedByChild: Promise<boolean> | undefined): Promise<boolean> {
    const snapshot = (await savedByChild) ? await loadHistory(this.indexDir) : null;
    if (!snapshot) return false;
    this.commits.load(snapshot);
    this.savedHead = snapshot.head;
    return true;
  }

  async saveIfMoved(): Promise<void> {
    // Never read: nothing has moved since it was saved (every change reads it first). Being read: wait for it.
    if (this.commits.unread) return;
    await this.commits.ready();
    const head = this.commits.knownHead;
    if (head === this.savedHead) return;
    await saveHistory(this.indexDir, this.commits.snapshot());
    this.savedHead = head;
  }
}
