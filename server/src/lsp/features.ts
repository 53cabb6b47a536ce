/**
 * Request handlers for the editor features: hover, completion, code actions, inlay
 * hints, code lens. Each converts positions, calls the pure service and converts back.
 */
import {
  AnnotatedTextEdit,
  ChangeAnnotation,
  CodeAction,
  CodeActionKind,
  CodeLens,
  CompletionItem,
  CompletionList,
  Diagnostic,
  Hover,
  InlayHint,
  MarkupKind,
  TextEdit,
} from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, FIX_ALL_KIND, FIX_ALL_QUICKFIX_KIND, FIX_ALL_TITLE, SafeFix, fixAllQuickFixTitle, fixAllSafe, fixAllSafeEdits, quickFixes, ClaimSummary, lensTitle, resolveCompletion, documentKindOf, type Finding, type FindingsView } from '../service';
import { CLIENT_COMMAND } from '../protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { columnMappingAction } from './columnMapping';
import { DiagnosticData, DiagnosticFix, toRange, toTextEdit } from './convert';
import type { DocumentContext, ServerState } from './state';

/** Whether a requested `only` filter lets `kind` through (a parent kind includes its children). */
function wanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function registerFeatures(state: ServerState): void {
  const { connection, runSafe, runSafeAsync } = state;
  /** The documents lenses were sent for, by the number their `data` carries. */
  // Keys start at 1: vscode-languageclient sends a lens's data back on resolve only when it is
  // truthy (`if (item.data)`), so a key of 0 came back as nothing and every lens of the first
  // document opened resolved without a command ("no commands" in VS Code).
  const lensUris: string[] = [''];
  const lensKeys = new Map<string, number>();
  const lensKeyOf = (uri: string): number => {
    let key = lensKeys.get(uri);
    if (key === undefined) {
      key = lensUris.push(uri) - 1;
      lensKeys.set(uri, key);
    }
    return key;
  };

  connection.onHover((params) =>
    runSafeAsync('hover', null, async (): Promise<Hover | null> => {
      const context = await state.contextOf(params.textDocument.uri);
      if (!context) return null;
      const { document, service } = context;
      // The document's state at this version (what the next diagnostics use too): hover reads its model and findings.
      // A big file's first check runs in slices: the hover reads the model it parsed and waits for no more.
      state.readyToRead(context);
      const result = service.hover(document.getText(), document.offsetAt(params.position), document.uri, documentKindOf(document.uri, document.languageId));
      if (!result) return null;
      return { contents: { kind: MarkupKind.Markdown, value: result.contents }, range: toRange(document, result.start, result.end) };
    }),
  );

  connection.onCompletion((params, token) =>
    runSafeAsync('completion', null, async (): Promise<CompletionList | null> => {
      const context = await state.contextOf(params.textDocument.uri);
      if (!context || token.isCancellationRequested) return null;
      const { document, service } = context;
      const kind = documentKindOf(document.uri, document.languageId);
      // A charge file is checked at this version first (a keystroke's row edit, as the
      // diagnostics pull that follows would): completion then reads the current model's rows,
      // not the editor's new text (editedDocument.ts).
      if (kind === 'charges') state.readyToRead(context);
      const list = service.complete(document.getText(), document.offsetAt(params.position), kind, document.uri);
      const items: CompletionItem[] = list.items.map((item) => ({
        label: item.label,
        kind: item.kind as CompletionItem['kind'],
        detail: item.detail,
        labelDetails: { description: item.detail },
        sortText: item.sortText,
        filterText: item.filterText,
        textEdit: { range: toRange(document, item.edit.start, item.edit.end), newText: item.edit.newText },
        data: item.data,
      }));
      return { isIncomplete: list.isIncomplete, items };
    }),
  );

  connection.onCompletionResolve((item) =>
    runSafe('completion resolve', item, (): CompletionItem => {
      const data = state.data();
      if (!data || !item.data) return item;
      // The resolve is per item and document-free: any service over the same code set will do.
      const value = documentationOf(state, item.data as { kind: 'procedure'; code: string });
      if (value) item.documentation = { kind: MarkupKind.Markdown, value };
      return item;
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafeAsync('code action', [], async (): Promise<CodeAction[]> => {
      const context = await state.contextOf(params.textDocument.uri);
      if (!context || token.isCancellationRequested) return [];
      const { document } = context;
      const uri = document.uri;
      const only = params.context.only;
      const actions: CodeAction[] = [];
      const clientCommands = new Set(state.initOptions().clientCommands ?? []);
      if (wanted(only, CodeActionKind.QuickFix) || wanted(only, FIX_ALL_QUICKFIX_KIND)) {
        for (const diagnostic of wanted(only, CodeActionKind.QuickFix) ? params.context.diagnostics : []) {
          const data = diagnostic.data as DiagnosticData | undefined;
          const candidate = data?.data?.candidate;
          if (diagnostic.source === 'cpt-lens' && data?.ruleId === 'claim-grouping' && typeof candidate === 'string') {
            const mapping = columnMappingAction(uri, candidate, String(data.data?.role ?? 'account'), diagnostic as Diagnostic);
            if (mapping) actions.push(mapping);
          }
          if (diagnostic.source !== 'cpt-lens' || !data) continue;
          const picks = clientCommands.has(CLIENT_COMMAND.pickFix);
          const grouped = new Map<string, DiagnosticFix[]>();
          const given = data.fixes ?? [];
          for (const [i, fix] of quickFixes(given).entries()) {
            const original = given[i];
            // VS Code: alternatives of one kind (XS/XU/XE/XP/59) become one entry with a pick list.
            if (picks && original.choice && (data.fixes ?? []).filter((f) => f.choice?.group === original.choice?.group).length > 1) {
              const list = grouped.get(original.choice.group) ?? [];
              list.push(original);
              grouped.set(original.choice.group, list);
              continue;
            }
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic as Diagnostic],
              isPreferred: fix.isPreferred,
              edit: { changes: { [uri]: fix.edits as TextEdit[] } },
            });
          }
          for (const [group, fixes] of grouped) actions.push(pickAction(group, fixes, uri, diagnostic as Diagnostic));
          const accept = acceptAction(context, diagnostic as Diagnostic, data.ruleId, clientCommands.has(CLIENT_COMMAND.placeCursor));
          if (accept) actions.push(accept);
        }
        // With the cursor on a fixable finding, Ctrl+. also offers every safe fix of the file, previewed.
        const here = params.context.diagnostics.some((d) => d.source === 'cpt-lens' && (d.data as DiagnosticData | undefined)?.fixes?.some((f) => f.safe));
        if (here && wanted(only, FIX_ALL_QUICKFIX_KIND)) {
          const fixes = fixAllSafe(state.fixableOf(context));
          if (fixes.length > 1) actions.push(previewedFixAll(state, document, fixes));
        }
      }
      // Offered in the Source Action menu and on save (`editor.codeActionsOnSave`), never on a selection's lightbulb.
      if (only && wanted(only, FIX_ALL_KIND) && only.some((o) => o.startsWith(CodeActionKind.Source))) {
        const edits = fixAllSafeEdits(state.fixableOf(context));
        if (edits.length > 0) {
          actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits.map((e) => toTextEdit(document, e)) } } });
        }
      } else if (!only && params.context.triggerKind !== 2) {
        // No filter (Neovim, older clients): offer fix-all after the quick fixes.
        const edits = fixAllSafeEdits(state.fixableOf(context));
        if (edits.length > 0) {
          actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits.map((e) => toTextEdit(document, e)) } } });
        }
      }
      return actions;
    }),
  );

  connection.languages.inlayHint.on((params, token) =>
    runSafeAsync('inlay hints', [], async (): Promise<InlayHint[]> => {
      const context = await state.contextOf(params.textDocument.uri);
      if (!context || token.isCancellationRequested) return [];
      const { document, service, settings } = context;
      const options = { ...DEFAULT_SETTINGS.inlayHints, ...settings.inlayHints };
      if (!options.enabled || documentKindOf(document.uri, document.languageId) !== 'charges') return [];
      if (state.awaitsFirstCheck(context, 'inlayHint')) return [];
      const start = document.offsetAt(params.range.start);
      const end = document.offsetAt(params.range.end);
      state.checkOf(context);
      return service.inlayHints(document.getText(), start, end, document.uri, options.maxLength).map((hint) => ({
        position: document.positionAt(hint.offset),
        label: hint.label,
        tooltip: hint.tooltip,
        paddingLeft: true,
      }));
    }),
  );

  // Lenses go out without numbers; the editor resolves the ones on screen.
  connection.onCodeLens((params, token) =>
    runSafeAsync('code lens', [], async (): Promise<CodeLens[]> => {
      const context = await state.contextOf(params.textDocument.uri);
      if (!context || token.isCancellationRequested) return [];
      const { document, service, settings } = context;
      const options = { ...DEFAULT_SETTINGS.codeLens, ...settings.codeLens };
      if (!options.enabled || options.mode === 'off' || documentKindOf(document.uri, document.languageId) !== 'charges') return [];
      if (state.awaitsFirstCheck(context, 'codeLens')) return [];
      const findings = options.mode === 'all' ? undefined : state.checkOf(context);
      const key = lensKeyOf(document.uri);
      return service.claimOffsets(document.getText(), document.uri, findings).map((offset) => {
        const at = document.positionAt(offset);
        // A number, not the URI: a 100k-line file sends 30,000 lenses on every keystroke.
        return { range: { start: at, end: at }, data: key };
      });
    }),
  );

  connection.onCodeLensResolve((lens) =>
    runSafeAsync('code lens resolve', lens, async (): Promise<CodeLens> => {
      const data = lens.data as number | { uri?: string } | undefined;
      const uri = typeof data === 'number' ? lensUris[data] : data?.uri;
      const context = uri ? await state.contextOf(uri) : undefined;
      // A resolved lens must carry a command (VS Code drops one without and shows "no commands").
      if (!context) return { ...lens, command: { title: '', command: '' } };
      const { document, service } = context;
      const findings = state.checkOf(context);
      const text = document.getText();
      const summary = service.codeLensAt(text, document.offsetAt(lens.range.start), findings, document.uri);
      if (!summary) return { ...lens, command: { title: '', command: '' } };
      // Clicking the lens shows the claim summary with its findings (the client's command).
      return { ...lens, command: { title: lensTitle(summary), command: CLIENT_COMMAND.showClaim, arguments: [claimReport(summary, findings, document)] } };
    }),
  );
}

/** Titles of the pick-list entries, by choice group. */
const PICK_TITLES: Record<string, string> = { 'distinct-service': 'Add a distinct-service modifier… — needs clinical judgment' };

/** One entry for a group of alternative judgment fixes; the client's pick list shows each with what it means and needs. */
function pickAction(group: string, fixes: readonly DiagnosticFix[], uri: string, diagnostic: Diagnostic): CodeAction {
  const title = PICK_TITLES[group] ?? `${fixes[0].title}…`;
  const items = fixes.map((f) => ({
    label: f.choice?.label ?? f.title,
    description: f.choice?.description,
    detail: f.choice?.detail,
    edit: { changes: { [uri]: f.edits } },
  }));
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: CLIENT_COMMAND.pickFix, arguments: [{ title: 'Add a distinct-service modifier (only what the note supports)', items }] } };
}

/**
 * "Accept with reason" for an error or warning on a charge line: the edit writes the rule id
 * into a disable comment (or the empty override_reason cell) and, in VS Code, the cursor is
 * put where the reason goes.
 */
function acceptAction(context: DocumentContext, diagnostic: Diagnostic, ruleId: string, placeCursor: boolean): CodeAction | undefined {
  const { document, service } = context;
  if (documentKindOf(document.uri, document.languageId) !== 'charges') return undefined;
  if (diagnostic.severity !== 1 && diagnostic.severity !== 2) return undefined;
  const text = document.getText();
  const accept = service.acceptFix(text, document.offsetAt(diagnostic.range.start), ruleId, document.uri);
  if (!accept) return undefined;
  const edit = toTextEdit(document, accept.edit);
  // The cursor in the text after the edit: inside the inserted text, before any line break of it.
  const { line, character } = edit.range.start;
  const cursor = { line, character: character + (accept.cursor - accept.edit.start) };
  return {
    title: accept.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [edit] } },
    ...(placeCursor ? { command: { title: 'Write the reason', command: CLIENT_COMMAND.placeCursor, arguments: [document.uri, cursor.line, cursor.character] } } : {}),
  };
}

/**
 * "Fix all safe problems (N)" as a quick fix: its changes annotated per rule as needing
 * confirmation, so VS Code opens its refactor preview and the coder sees every change (and
 * ticks what to apply) before anything is made. A client without change annotations gets plain edits.
 */
function previewedFixAll(state: ServerState, document: TextDocument, fixes: readonly SafeFix[]): CodeAction {
  const uri = document.uri;
  const title = fixAllQuickFixTitle(fixes.length);
  const workspaceEdit = state.client().workspace?.workspaceEdit;
  if (!workspaceEdit?.documentChanges || !workspaceEdit.changeAnnotationSupport) {
    const edits = fixes.flatMap((f) => f.edits).sort((a, b) => b.start - a.start).map((e) => toTextEdit(document, e));
    return { title, kind: FIX_ALL_QUICKFIX_KIND, edit: { changes: { [uri]: edits } } };
  }
  // One annotation per rule: the preview lists each rule with its changes under it (each line's
  // before and after), and the coder ticks the rules to apply; nothing is pre-ticked.
  const changeAnnotations: Record<string, ChangeAnnotation> = {};
  const edits: AnnotatedTextEdit[] = [];
  const byRule = new Map<string, SafeFix[]>();
  for (const fix of fixes) byRule.set(fix.ruleId, [...(byRule.get(fix.ruleId) ?? []), fix]);
  for (const [ruleId, mine] of byRule) {
    const id = `cptLens.fix.${ruleId}`;
    const lines = mine.map((f) => document.positionAt(f.edits[0]?.start ?? 0).line + 1);
    changeAnnotations[id] = {
      label: `${ruleId}: ${mine.length} fix${mine.length === 1 ? '' : 'es'}`,
      description: `${mine[0].title}${mine.length > 1 ? ` and ${mine.length - 1} more` : ''} (line${lines.length === 1 ? '' : 's'} ${lines.slice(0, 8).join(', ')}${lines.length > 8 ? ', …' : ''})`,
      needsConfirmation: true,
    };
    for (const fix of mine) for (const e of fix.edits) edits.push({ ...toTextEdit(document, e), annotationId: id });
  }
  return {
    title,
    kind: FIX_ALL_QUICKFIX_KIND,
    edit: { documentChanges: [{ textDocument: { uri, version: document.version }, edits }], changeAnnotations },
  };
}

/**
 * The findings that start on the claim's rows, in document order: the check's view finds
 * each row's, so resolving the lenses on screen makes only those findings.
 */
function findingsOnRows(findings: FindingsView, rows: readonly [number, number][]): Finding[] {
  return findings.startingOnRows([...rows].sort((a, b) => a[0] - b[0]));
}

/** The claim summary a lens click shows: totals, then each finding on the claim's lines with its line. */
function claimReport(summary: ClaimSummary, findings: FindingsView, document: TextDocument): string {
  const head = `${summary.label || 'Claim'}: ${lensTitle(summary)}`;
  const mine = findingsOnRows(findings, summary.rows);
  const lines = mine.slice(0, 20).map((f) => `line ${document.positionAt(f.start).line + 1} ${f.severity} ${f.ruleId}: ${f.message}`);
  const money = (n: number): string => `$${n.toFixed(2)}`;
  const payment = [
    summary.locality ? `Payment (locality ${summary.locality}):` : 'Payment (national, before locality adjustment):',
    ...summary.payments.slice(0, 20).map((p) => `line ${document.positionAt(p.offset).line + 1} ${p.code}: ${p.amount === undefined ? 'not priced' : money(p.amount)}${p.applied.length ? ` (${p.applied.join('; ')})` : ''}`),
    ...summary.applied.filter((a) => a.startsWith('multiple procedures') || a.startsWith('endoscopy family')),
    ...summary.notes.slice(0, 10),
  ];
  return [head, ...lines, ...(mine.length > 20 ? [`… ${mine.length - 20} more`] : []), '', ...payment].join('\n');
}

function documentationOf(state: ServerState, data: { kind: 'procedure' | 'modifier' | 'diagnosis' | 'pos'; code: string }): string | undefined {
  const current = state.data();
  if (!current) return undefined;
  return resolveCompletion(data, current.codeSet);
}
