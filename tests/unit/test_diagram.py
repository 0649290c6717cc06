"""Diagrams as data (sdbook.diagram): a spec's mistakes name their line; the layout never lets
boxes, frames and labels collide; SVG and TikZ escape every text."""

from __future__ import annotations

import itertools
import re

import pytest

from sdbook import diagram as dg

SPEC = """\
nodes:
  prompt: {label: 提示词, note: 正向与反向, at: [0, 0], kind: input}
  te: {label: 文本编码器, note: "77×768", at: [1, 0], kind: model}
  seed: {label: 种子, at: [0, 2], kind: input}
  unet: {label: U-Net, at: [1, 1], kind: model}
  sampler: {label: 采样器, at: [2, 1]}
  vae: {label: VAE 解码器, at: [2, 2], kind: model}
edges:
  - {from: prompt, to: te}
  - {from: te, to: unet, label: 条件}
  - {from: seed, to: unet, route: hv}
  - {from: unet, to: sampler}
  - {from: sampler, to: vae, label: 去噪完成后, dashed: true}
groups:
  - {label: 重复「迭代步数」次, nodes: [unet, sampler]}
"""


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _box(node: dg.Node) -> tuple[float, float, float, float]:
    return node.x, node.y, node.w, node.h


def test_parse_reads_nodes_edges_groups_and_texts():
    diagram = dg.parse(SPEC)
    assert list(diagram.nodes) == ['prompt', 'te', 'seed', 'unet', 'sampler', 'vae']
    assert diagram.nodes['sampler'].kind == 'step'  # the default
    assert [(e.source, e.target, e.route, e.dashed) for e in diagram.edges][-1] == ('sampler', 'vae', 'straight', True)
    assert diagram.texts() == ['提示词', '正向与反向', '文本编码器', '77×768', '种子', 'U-Net', '采样器', 'VAE 解码器',
                               '条件', '去噪完成后', '重复「迭代步数」次']


@pytest.mark.parametrize(('spec', 'line', 'message'), [
    ('nodes:\n  a: {label: 甲, at: [0, 0]}\n  b: {label: 乙, at: [0, 0]}\n', 3, "node 'b' is placed on node 'a'"),
    ('nodes:\n  a: {label: 甲, at: [0, 0], colour: red}\n', 2, "unknown field 'colour' in node 'a'"),
    ('nodes:\n  a: {at: [0, 0]}\n', 2, "node 'a' has no 'label'"),
    ('nodes:\n  a: {label: 甲, at: [0]}\n', 2, "'at' must be [column, row]"),
    ('nodes:\n  a: {label: 甲, at: [0, 0], kind: box}\n', 2, "unknown kind 'box'"),
    ('nodes:\n  a: {label: 甲, at: [0, 0]}\nedges:\n  - {from: a, to: b}\n', 4, "edge to 'b': no such node"),
    ('nodes:\n  a: {label: 甲, at: [0, 0]}\nedges:\n  - {from: a, to: a, route: zigzag}\n', 4, "unknown route 'zigzag'"),
    ('nodes:\n  a: {label: 甲, at: [0, 0]}\ngroups:\n  - {label: 组, nodes: [a, c]}\n', 4, "group node 'c': no such node"),
    ('nodes:\n  a: {label: 甲, at: [0, 0]\n', 3, 'YAML syntax error'),
    ('', 1, 'the diagram is empty'),
    ('nodes:\n  a: {label: "  ", at: [0, 0]}\n', 2, 'label must be a non-empty line of text'),
])
def test_mistake_names_its_line(spec, line, message):
    with pytest.raises(dg.DiagramError) as caught:
        dg.parse(spec)
    assert caught.value.line == line
    assert message in str(caught.value)


def test_boxes_never_overlap_and_frames_hold_exactly_their_members():
    diagram = dg.layout(dg.parse(SPEC))
    for a, b in itertools.combinations(diagram.nodes.values(), 2):
        assert not _overlap(_box(a), _box(b)), (a.id, b.id)
    for group in diagram.groups:
        x, y, w, h = group.box
        for node in diagram.nodes.values():
            inside = x < node.x and node.x + node.w < x + w and y < node.y and node.y + node.h < y + h
            assert inside == (node.id in group.nodes), node.id
            if node.id not in group.nodes:
                assert not _overlap(group.box, _box(node)), node.id
        # The label line above the first row of members is free of boxes.
        label_band = (x, y, w, dg.LINE)
        assert not any(_overlap(label_band, _box(n)) for n in diagram.nodes.values())
    right = max(n.x + n.w for n in diagram.nodes.values())
    assert right < diagram.width and max(n.y + n.h for n in diagram.nodes.values()) < diagram.height


def test_frame_room_is_added_only_where_a_group_is():
    plain = dg.layout(dg.parse('nodes:\n  a: {label: 甲, at: [0, 0]}\n  b: {label: 乙, at: [1, 0]}\n  c: {label: 丙, at: [0, 1]}\n'))
    grouped = dg.layout(dg.parse('nodes:\n  a: {label: 甲, at: [0, 0]}\n  b: {label: 乙, at: [1, 0]}\n  c: {label: 丙, at: [0, 1]}\n'
                                 'groups:\n  - {label: 组, nodes: [c]}\n'))
    gap = lambda d: d.nodes['c'].y - (d.nodes['a'].y + d.nodes['a'].h)  # noqa: E731
    assert gap(plain) == pytest.approx(dg.ROW_GAP)
    assert gap(grouped) == pytest.approx(dg.ROW_GAP + dg.GROUP_PAD + dg.LINE)
    # Columns: b's column has no group, so a and b stay as close as without one... plus c's frame on the left.
    assert grouped.nodes['b'].x - (grouped.nodes['a'].x + grouped.nodes['a'].w) == pytest.approx(
        plain.nodes['b'].x - (plain.nodes['a'].x + plain.nodes['a'].w) + dg.GROUP_PAD)


def test_arrows_start_and_end_on_the_boxes_edges():
    diagram = dg.layout(dg.parse(SPEC))
    for edge in diagram.edges:
        points = dg.edge_path(diagram, edge)
        for node, (px, py) in ((diagram.nodes[edge.source], points[0]), (diagram.nodes[edge.target], points[-1])):
            on_side = (abs(px - node.x) < 1e-6 or abs(px - node.x - node.w) < 1e-6) and node.y - 1e-6 <= py <= node.y + node.h + 1e-6
            on_top = (abs(py - node.y) < 1e-6 or abs(py - node.y - node.h) < 1e-6) and node.x - 1e-6 <= px <= node.x + node.w + 1e-6
            assert on_side or on_top, (edge, px, py)
    hv = next(e for e in diagram.edges if e.route == 'hv')
    (_x0, y0), (x1, y1), (x2, _y2) = dg.edge_path(diagram, hv)
    assert y0 == y1 and x1 == x2  # across first, then up or down


def test_label_of_a_vertical_arrow_sits_beside_it_and_of_a_horizontal_one_above():
    x, y, anchor = dg.label_place([(5.0, 0.0), (5.0, 4.0)])
    assert (anchor, x > 5.0, 0 < y < 4) == ('start', True, True)
    x, y, anchor = dg.label_place([(0.0, 3.0), (6.0, 3.0)])
    assert (anchor, x, y < 3.0) == ('middle', 3.0, True)


def test_svg_escapes_texts_and_is_labelled_by_title_and_description():
    spec = 'nodes:\n  a: {label: "<b>甲</b> & 乙", at: [0, 0]}\n'
    svg = dg.to_svg(dg.layout(dg.parse(spec)), '标题 <i>', '描述 "引号"', 'fig-1')
    assert '<b>' not in svg and '&lt;b&gt;甲&lt;/b&gt; &amp; 乙' in svg
    assert 'aria-labelledby="fig-1-title fig-1-desc"' in svg
    assert '<title id="fig-1-title">标题 &lt;i&gt;</title>' in svg
    assert re.search(r'<desc id="fig-1-desc">描述 (&quot;|")引号(&quot;|")</desc>', svg)


def test_translation_replaces_every_text_and_keeps_the_layout_rules():
    diagram = dg.parse(SPEC)
    english = {'提示词': 'Prompt', '条件': 'conditioning', '重复「迭代步数」次': 'repeated for every step'}
    translated = dg.layout(diagram.translated(english))
    svg = dg.to_svg(translated, 't', 'd', 'x')
    assert all(f'>{text}</text>' in svg for text in english.values())
    assert '>提示词<' not in svg and '>种子<' in svg  # untranslated texts stay as they were
    # The frame is at least as wide as its label.
    group = translated.groups[0]
    assert group.box[0] + group.box[2] <= translated.width


def test_tikz_uses_the_escape_it_is_given_for_every_text():
    tikz = dg.to_tikz(dg.layout(dg.parse(SPEC)), lambda text: f'[{text}]')
    for text in dg.parse(SPEC).texts():
        assert f'{{[{text}]}}' in tikz, text
    assert tikz.startswith(r'\begin{tikzpicture}') and tikz.endswith(r'\end{tikzpicture}')


def test_bent_route_between_neighbours_in_one_row_is_straight():
    diagram = dg.layout(dg.parse('nodes:\n  a: {label: 甲, at: [0, 0]}\n  b: {label: 乙, at: [1, 0]}\nedges:\n'
                                 '  - {from: a, to: b, route: hv}\n'))
    (x0, y0), (x1, y1) = dg.edge_path(diagram, diagram.edges[0])
    assert y0 == y1 and x0 == diagram.nodes['a'].x + diagram.nodes['a'].w and x1 == diagram.nodes['b'].x


def test_canvas_is_wide_enough_for_a_label_beside_an_arrow_in_the_last_column():
    spec = ('nodes:\n  a: {label: A, at: [0, 0]}\n  b: {label: B, at: [0, 1]}\n'
            'edges:\n  - {from: a, to: b, label: a label far wider than either box}\n')
    diagram = dg.layout(dg.parse(spec))
    lx, _ly, anchor = dg.label_place(dg.edge_path(diagram, diagram.edges[0]))
    assert anchor == 'start'
    label_end = lx + dg.text_width(diagram.edges[0].label, dg.EDGE_LABEL_SCALE)
    assert diagram.width >= label_end + dg.MARGIN - 1e-9
