import { Modal, type App } from 'obsidian';
import { button } from './render.js';

/** Asks once before an action that writes to the wiki. */
export class ConfirmModal extends Modal {
  constructor(
    app: App,
    private readonly title: string,
    private readonly message: string,
    private readonly confirmText: string,
    private readonly onConfirm: () => Promise<void>,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.titleEl.setText(this.title);
    this.contentEl.createEl('p', { text: this.message });
    const buttons = this.contentEl.createDiv({ cls: 'ai-memory-buttons' });
    button(buttons, 'Cancel', () => this.close());
    button(
      buttons,
      this.confirmText,
      async () => {
        this.close();
        await this.onConfirm();
      },
      'mod-cta',
    );
  }

  override onClose(): void {
    this.contentEl.empty();
  }
}
