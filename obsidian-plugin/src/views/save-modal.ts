import { Modal, Setting } from 'obsidian';
import type { WritePageResponse } from '../../../lib/core/contract.js';
import type { PluginHost } from '../host.js';
import { DURABLE_KINDS, formProblem, isDurableKind, KIND_FOLDERS, saveRequest, type SaveForm } from '../save-memory.js';
import { suggestedPath } from '../vault-paths.js';

/** "Save as durable memory": kind, pinned, title, path and project, then memory_write_page. */
export class SaveMemoryModal extends Modal {
  private pathEdited: boolean;
  private pathInput: { setValue(value: string): unknown } | null = null;
  /** Settles when the last submit finished; the result is null when nothing was written. */
  saved: Promise<WritePageResponse | null> = Promise.resolve(null);

  constructor(
    private readonly host: PluginHost,
    readonly form: SaveForm,
  ) {
    super(host.app);
    // Saving a note onto its own page keeps its path whatever the kind.
    this.pathEdited = form.inPlace;
  }

  override onOpen(): void {
    const { form } = this;
    this.titleEl.setText(form.inPlace ? 'Save this note as durable memory' : 'Save the selection as durable memory');
    const el = this.contentEl;
    new Setting(el)
      .setName('Kind')
      .setDesc('Decisions and rules rank above notes; the kind also picks the folder.')
      .addDropdown((dropdown) => {
        for (const kind of DURABLE_KINDS) dropdown.addOption(kind, kind);
        dropdown.setValue(form.kind).onChange((value) => {
          if (isDurableKind(value)) this.setKind(value);
        });
      });
    new Setting(el)
      .setName('Pinned')
      .setDesc('Pinned pages never decay and are shown to every new session.')
      .addToggle((toggle) => toggle.setValue(form.pinned).onChange((value) => (form.pinned = value)));
    new Setting(el).setName('Title').addText((text) =>
      text.setValue(form.title).onChange((value) => {
        form.title = value;
        if (!this.pathEdited) this.updatePath();
      }),
    );
    new Setting(el)
      .setName('Path')
      .setDesc(`Inside ${form.workspace}/${form.project || '<project>'}; an existing page is replaced (its history is kept).`)
      .addText((text) => {
        this.pathInput = text;
        text.setValue(form.path).onChange((value) => {
          form.path = value;
          this.pathEdited = true;
        });
      });
    new Setting(el).setName('Workspace').addText((text) => text.setValue(form.workspace).onChange((value) => (form.workspace = value)));
    new Setting(el).setName('Project').addText((text) => text.setPlaceholder('project folder').setValue(form.project).onChange((value) => (form.project = value)));
    new Setting(el).addButton((btn) =>
      btn
        .setButtonText('Save')
        .setCta()
        .onClick(() => {
          this.saved = this.submit();
        }),
    );
  }

  override onClose(): void {
    this.contentEl.empty();
  }

  private setKind(kind: (typeof DURABLE_KINDS)[number]): void {
    this.form.kind = kind;
    if (!this.pathEdited) this.updatePath();
  }

  private updatePath(): void {
    this.form.path = suggestedPath(KIND_FOLDERS[this.form.kind], this.form.title);
    this.pathInput?.setValue(this.form.path);
  }

  /** Validates and writes; the modal stays open with the problem shown when anything fails. */
  async submit(): Promise<WritePageResponse | null> {
    const problem = formProblem(this.form);
    if (problem) {
      this.host.notifier.info(`ai-memory: ${problem}.`);
      return null;
    }
    const request = saveRequest(this.form);
    try {
      const result = await this.host.api.writePage(request);
      const verb = result.status === 'unchanged' ? 'is already saved as' : result.status === 'created' ? 'saved as' : 'updated';
      this.host.notifier.info(`ai-memory: ${verb} ${result.kind} ${result.workspace}/${result.project}/${result.path}${result.commit ? ` (commit ${result.commit.slice(0, 7)})` : ''}.`);
      this.close();
      if (!this.form.inPlace) await this.host.openPage({ workspace: result.workspace, project: result.project, path: result.path });
      return result;
    } catch (error) {
      this.host.notifier.error(error, 'saving the memory');
      return null;
    }
  }
}
