// Display equations scroll sideways on narrow screens (.katex-display has overflow-x: auto).
// A scrollable region must be reachable by keyboard, so each one becomes a tab stop.
import { visit } from 'unist-util-visit';

export default function rehypeScrollableMath() {
  return (tree) => {
    visit(tree, 'element', (node) => {
      const classes = node.properties?.className;
      if (Array.isArray(classes) && classes.includes('katex-display')) node.properties.tabIndex = 0;
    });
  };
}
