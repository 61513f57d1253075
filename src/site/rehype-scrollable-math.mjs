// Display equations scroll sideways when wider than the column (.katex-display has overflow-x: auto,
// global.css), never clipped. A scrollable region must be reachable by keyboard (WCAG 2.1.1), so
// each one is a tab stop, named for what it is: a group labelled "Equation" whose MathML inside
// is what assistive technology reads.
import { visit } from 'unist-util-visit';

export default function rehypeScrollableMath() {
  return (tree) => {
    visit(tree, 'element', (node) => {
      const classes = node.properties?.className;
      if (Array.isArray(classes) && classes.includes('katex-display')) {
        node.properties.tabIndex = 0;
        node.properties.role = 'group';
        node.properties.ariaLabel = 'Equation (scrolls sideways when wider than the page)';
      }
    });
  };
}
