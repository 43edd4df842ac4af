// The rich-text editor on every <textarea data-django-prose-editor-default> of the page
// (saksarkiv/riktekst.py): django-prose-editor's bundle, imported by its static path so
// that no inline import map is needed. The extensions match what the server keeps.
import {
  Blockquote, Bold, BulletList, Document, Dropcursor, Gapcursor, HardBreak, Heading,
  History, HorizontalRule, Italic, Link, ListItem, Menu, OrderedList, Paragraph,
  SpecialCharacters, Strike, Subscript, Superscript, Table, TableCell, TableHeader, TableRow,
  Text, Underline, Editor, crel, initializeEditors,
} from "../django_prose_editor/editor.js";

const ATTR = "data-django-prose-editor-default";

// As the bundle's createTextareaEditor, but without the editor injecting its CSS as an
// inline <style> (static/css/riktekst.css has those rules): the textarea keeps the HTML
// (an empty editor is an empty field), so the form posts it as it is.
function lagTextareaEditor(textarea, extensions) {
  const deaktivert = textarea.hasAttribute("disabled");
  const ramme = crel("div", { className: `prose-editor ${deaktivert ? "disabled" : ""}` });
  textarea.before(ramme);
  ramme.append(textarea);
  return new Editor({
    element: ramme,
    editable: !deaktivert,
    extensions,
    content: textarea.value,
    injectCSS: false,
    onUpdate({ editor }) {
      const html = editor.getHTML();
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onDestroy() {
      ramme.before(textarea);
      ramme.remove();
    },
  });
}

function lagEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(ATTR) || "{}");
  const typer = new Set(config.types || []);
  const har = (...navn) => navn.some((n) => typer.has(n));
  const utvidelser = [
    Document, Dropcursor, Gapcursor, Paragraph, HardBreak, Text, Menu,
    config.history && History,
    config.typographic && SpecialCharacters,
    har("Blockquote") && Blockquote,
    har("Bold") && Bold,
    har("BulletList") && BulletList,
    har("Heading") && Heading.configure({ levels: config.headingLevels || [2, 3, 4] }),
    har("HorizontalRule") && HorizontalRule,
    har("Italic") && Italic,
    har("Link") && Link,
    har("BulletList", "OrderedList") && ListItem,
    har("OrderedList") && OrderedList,
    har("Strike") && Strike,
    har("Subscript") && Subscript,
    har("Superscript") && Superscript,
    har("Underline") && Underline,
    har("Table") && Table, har("Table") && TableRow, har("Table") && TableHeader,
    har("Table") && TableCell,
  ].filter(Boolean);
  const editor = lagTextareaEditor(textarea, utvidelser);
  textarea.dispatchEvent(new CustomEvent("prose-editor:ready", {
    detail: { editor, textarea }, bubbles: true,
  }));
  return editor;
}

initializeEditors(lagEditor, `[${ATTR}]`);
