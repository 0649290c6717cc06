"""Valid HTML for sphinx-design's tab sets.

sphinx-design 0.8 points each tab's ``<label>`` at its panel with ``aria-controls``. HTML does
not allow that attribute on a label bound to a form control (the W3C checker reports one error
per tab), and the tab is already announced through its radio ``<input>``, which the label names.
So the attribute is dropped after sphinx-design has built the HTML structure of the tab sets.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.tabs import TabSetHtmlTransform, sd_tab_label


class DropLabelAriaControls(SphinxPostTransform):
    default_priority = TabSetHtmlTransform.default_priority + 1
    formats = ('html',)

    def run(self, **kwargs) -> None:
        for label in self.document.findall(sd_tab_label):
            label.attributes.pop('aria_controls', None)


def setup(app: Sphinx) -> dict:
    app.setup_extension('sphinx_design')
    app.add_post_transform(DropLabelAriaControls)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
