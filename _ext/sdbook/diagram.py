"""Diagrams written as data: boxes on a grid, arrows between them, drawn as SVG and as TikZ.

A diagram is a YAML mapping (the content of the ``diagram`` directive)::

    nodes:
      prompt: {label: 提示词, at: [0, 0], kind: input}
      te:     {label: 文本编码器, note: 77×768, at: [1, 0], kind: model}
    edges:
      - {from: prompt, to: te}
      - {from: te, to: unet, label: 条件, route: hv}
    groups:
      - {label: 重复「迭代步数」次, nodes: [unet, sampler]}

``at`` is ``[column, row]``; boxes in one column share their centre line, so the author
decides the layout and the drawing is the same in every output. ``kind`` picks the box's
colour (input, model, data, step, output, note). ``route`` bends an arrow: ``hv`` goes
across first, then up or down; ``vh`` the other way. Labels, notes and group labels are text
to translate; the extension hands their translations to ``layout``.

Plain Python, no Sphinx: ``parse`` checks a spec (problems carry the line within it),
``layout`` places everything in em units, ``to_svg`` and ``to_tikz`` draw it.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import math
import re
from collections.abc import Callable

import yaml

from sdbook.cjk import HAN_CHAR
from sdbook.yamlfile import line_of, scalar

KINDS = ('input', 'model', 'data', 'step', 'output', 'note')
ROUTES = ('straight', 'hv', 'vh')
NODE_FIELDS = ('label', 'note', 'at', 'kind', 'width')
EDGE_FIELDS = ('from', 'to', 'label', 'route', 'dashed')
GROUP_FIELDS = ('label', 'nodes')

# Geometry, in em (the size of the page's text).
COLUMN_GAP = 2.6
ROW_GAP = 1.3
PAD_X, PAD_Y = 0.7, 0.45
LINE = 1.3              # line height of a label
NOTE_SCALE = 0.8        # notes are set smaller
EDGE_LABEL_SCALE = 0.82  # arrow and frame labels too (13 px of 16, figures.css)
GROUP_PAD = 0.55
MARGIN = 0.6


class DiagramError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line  # 1-based, within the spec


@dataclasses.dataclass
class Node:
    id: str
    label: str
    note: str
    col: int
    row: int
    kind: str
    min_width: float = 0.0
    # Filled by layout:
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0


@dataclasses.dataclass
class Edge:
    source: str
    target: str
    label: str
    route: str
    dashed: bool


@dataclasses.dataclass
class Group:
    label: str
    nodes: tuple[str, ...]
    box: tuple[float, float, float, float] = (0, 0, 0, 0)


@dataclasses.dataclass
class Diagram:
    nodes: dict[str, Node]
    edges: list[Edge]
    groups: list[Group]
    width: float = 0.0
    height: float = 0.0

    def texts(self) -> list[str]:
        """Every text of the diagram, in a stable order: what the catalogs hold."""
        out: list[str] = []
        for node in self.nodes.values():
            out += [t for t in (node.label, node.note) if t]
        out += [e.label for e in self.edges if e.label]
        out += [g.label for g in self.groups if g.label]
        return out

    def translated(self, translate: dict[str, str]) -> Diagram:
        """A copy with every text replaced by its translation (texts without one stay)."""
        t = lambda s: translate.get(s, s) if s else s  # noqa: E731
        nodes = {k: dataclasses.replace(n, label=t(n.label), note=t(n.note)) for k, n in self.nodes.items()}
        return Diagram(nodes, [dataclasses.replace(e, label=t(e.label)) for e in self.edges],
                       [dataclasses.replace(g, label=t(g.label)) for g in self.groups])


def _fields(node: yaml.Node, allowed: tuple[str, ...], what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise DiagramError(line_of(node), f'{what} must be a mapping')
    fields: dict[str, yaml.Node] = {}
    for key_node, value in node.value:
        key = scalar(key_node)
        if key not in allowed:
            raise DiagramError(line_of(key_node), f"unknown field {key!r} in {what}; expected: {', '.join(allowed)}")
        if key in fields:
            raise DiagramError(line_of(key_node), f'field {key!r} is given twice in {what}')
        fields[key] = value
    return fields


def _text(node: yaml.Node | None, what: str) -> str:
    if node is None:
        return ''
    value = scalar(node)
    if value is None or not value.strip():
        raise DiagramError(line_of(node), f'{what} must be a non-empty line of text')
    return value.strip()


def parse(source: str) -> Diagram:
    """Check a spec and return the diagram; raise DiagramError (with the line) otherwise."""
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, 'problem_mark', None)
        raise DiagramError(mark.line + 1 if mark else 1, f'YAML syntax error: {getattr(exc, "problem", exc)}') from None
    if root is None:
        raise DiagramError(1, 'the diagram is empty: give it nodes (and edges)')
    top = _fields(root, ('nodes', 'edges', 'groups'), 'the diagram')
    if 'nodes' not in top or not isinstance(top['nodes'], yaml.MappingNode) or not top['nodes'].value:
        raise DiagramError(line_of(top.get('nodes', root)), "'nodes' must map each node's id to its label and place")
    nodes: dict[str, Node] = {}
    places: dict[tuple[int, int], str] = {}
    for key_node, value in top['nodes'].value:
        nid = scalar(key_node) or ''
        if not re.fullmatch(r'[A-Za-z][A-Za-z0-9_-]*', nid):
            raise DiagramError(line_of(key_node), f'node id {nid!r} must be letters, digits, _ and - (starting with a letter)')
        if nid in nodes:
            raise DiagramError(line_of(key_node), f'node {nid!r} is defined twice')
        f = _fields(value, NODE_FIELDS, f'node {nid!r}')
        if 'label' not in f:
            raise DiagramError(line_of(value), f"node {nid!r} has no 'label'")
        at = f.get('at')
        if not (isinstance(at, yaml.SequenceNode) and len(at.value) == 2
                and all(isinstance(v, yaml.ScalarNode) and re.fullmatch(r'\d{1,2}', str(v.value)) for v in at.value)):
            raise DiagramError(line_of(at or value), f"node {nid!r}: 'at' must be [column, row], two whole numbers from 0")
        col, row = (int(v.value) for v in at.value)
        if (col, row) in places:
            raise DiagramError(line_of(at), f'node {nid!r} is placed on node {places[(col, row)]!r} (both at [{col}, {row}])')
        places[(col, row)] = nid
        kind = _text(f.get('kind'), 'kind') or 'step'
        if kind not in KINDS:
            raise DiagramError(line_of(f['kind']), f"node {nid!r}: unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
        width = _text(f.get('width'), 'width')
        if width and not re.fullmatch(r'\d+(\.\d+)?', width):
            raise DiagramError(line_of(f['width']), f"node {nid!r}: 'width' must be a number of em")
        nodes[nid] = Node(nid, _text(f['label'], 'label'), _text(f.get('note'), 'note'), col, row, kind,
                          float(width) if width else 0.0)
    edges: list[Edge] = []
    for item in getattr(top.get('edges'), 'value', None) or []:
        f = _fields(item, EDGE_FIELDS, 'an edge')
        ends = []
        for end in ('from', 'to'):
            if end not in f:
                raise DiagramError(line_of(item), f"an edge has no '{end}'")
            name = _text(f[end], end)
            if name not in nodes:
                raise DiagramError(line_of(f[end]), f"edge {end} {name!r}: no such node (nodes: {', '.join(nodes)})")
            ends.append(name)
        route = _text(f.get('route'), 'route') or 'straight'
        if route not in ROUTES:
            raise DiagramError(line_of(f['route']), f"unknown route {route!r}; expected one of: {', '.join(ROUTES)}")
        dashed = _text(f.get('dashed'), 'dashed') in ('true', 'yes') if 'dashed' in f else False
        edges.append(Edge(ends[0], ends[1], _text(f.get('label'), 'label'), route, dashed))
    if 'edges' in top and not isinstance(top['edges'], yaml.SequenceNode):
        raise DiagramError(line_of(top['edges']), "'edges' must be a list")
    groups: list[Group] = []
    for item in getattr(top.get('groups'), 'value', None) or []:
        f = _fields(item, GROUP_FIELDS, 'a group')
        members = f.get('nodes')
        if not isinstance(members, yaml.SequenceNode) or not members.value:
            raise DiagramError(line_of(members or item), "a group's 'nodes' must list the nodes it surrounds")
        names = []
        for member in members.value:
            name = scalar(member)
            if name not in nodes:
                raise DiagramError(line_of(member), f'group node {name!r}: no such node')
            names.append(name)
        groups.append(Group(_text(f.get('label'), 'label'), tuple(names)))
    return Diagram(nodes, edges, groups)


# -- Layout -----------------------------------------------------------------------------------


def text_width(text: str, scale: float = 1.0) -> float:
    """Width of a line in em: a Han character is 1 em, other characters about 0.56 em."""
    han = len(HAN_CHAR.findall(text))
    wide = sum(1 for c in text if c in '，。：；、（）「」' or ord(c) >= 0xFF00)
    narrow = len(text) - han - wide
    return (han + wide + narrow * 0.56) * scale


def _lines(node: Node) -> list[tuple[str, float]]:
    out = [(line, 1.0) for line in node.label.split('\\n')]
    if node.note:
        out += [(line, NOTE_SCALE) for line in node.note.split('\\n')]
    return out


def layout(diagram: Diagram) -> Diagram:
    """Place the boxes: each column as wide as its widest box, each row as tall as its tallest,
    with room around a group's frame (and above it for its label) only where a group is."""
    cols = max(n.col for n in diagram.nodes.values()) + 1
    rows = max(n.row for n in diagram.nodes.values()) + 1
    for node in diagram.nodes.values():
        lines = _lines(node)
        node.w = max(node.min_width, max(text_width(t, s) for t, s in lines) + 2 * PAD_X)
        node.h = sum(LINE * s for _, s in lines) + 2 * PAD_Y
    col_w = [max([n.w for n in diagram.nodes.values() if n.col == c] or [0]) for c in range(cols)]
    row_h = [max([n.h for n in diagram.nodes.values() if n.row == r] or [0]) for r in range(rows)]
    before_col, after_col = [0.0] * cols, [0.0] * cols
    before_row, after_row = [0.0] * rows, [0.0] * rows
    spans = []
    for group in diagram.groups:
        members = [diagram.nodes[n] for n in group.nodes]
        c0, c1 = min(n.col for n in members), max(n.col for n in members)
        r0, r1 = min(n.row for n in members), max(n.row for n in members)
        spans.append((c0, c1, r0, r1))
        before_col[c0] = max(before_col[c0], GROUP_PAD)
        after_col[c1] = max(after_col[c1], GROUP_PAD)
        before_row[r0] = max(before_row[r0], GROUP_PAD + (LINE if group.label else 0.0))
        after_row[r1] = max(after_row[r1], GROUP_PAD)
    col_x = _starts(col_w, before_col, after_col, COLUMN_GAP)
    row_y = _starts(row_h, before_row, after_row, ROW_GAP)
    for node in diagram.nodes.values():
        node.x = col_x[node.col] + (col_w[node.col] - node.w) / 2
        node.y = row_y[node.row] + (row_h[node.row] - node.h) / 2
    for group, (c0, c1, r0, r1) in zip(diagram.groups, spans, strict=True):
        x0 = col_x[c0] - GROUP_PAD
        y0 = row_y[r0] - GROUP_PAD - (LINE if group.label else 0.0)
        x1 = col_x[c1] + col_w[c1] + GROUP_PAD
        y1 = row_y[r1] + row_h[r1] + GROUP_PAD
        group.box = (x0, y0, x1 - x0, y1 - y0)
    label_room = max([text_width(g.label, EDGE_LABEL_SCALE) + 1.0 for g in diagram.groups if g.label] or [0])
    diagram.width = max([n.x + n.w for n in diagram.nodes.values()]
                        + [g.box[0] + max(g.box[2], label_room) for g in diagram.groups]
                        + [edge_label_right(diagram, e) for e in diagram.edges if e.label]) + MARGIN
    diagram.height = max([n.y + n.h for n in diagram.nodes.values()] + [g.box[1] + g.box[3] for g in diagram.groups]) \
        + MARGIN
    return diagram


def _starts(sizes: list[float], before: list[float], after: list[float], gap: float) -> list[float]:
    """Where each column (or row) starts, given its size, the room before and after it and the gap."""
    starts, position = [], MARGIN
    for size, room_before, room_after in zip(sizes, before, after, strict=True):
        position += room_before
        starts.append(position)
        position += size + room_after + gap
    return starts


def _anchor(node: Node, toward: tuple[float, float]) -> tuple[float, float]:
    """Where a line from the box's centre toward a point leaves the box."""
    cx, cy = node.x + node.w / 2, node.y + node.h / 2
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    sx = (node.w / 2) / abs(dx) if dx else float('inf')
    sy = (node.h / 2) / abs(dy) if dy else float('inf')
    s = min(sx, sy)
    return cx + dx * s, cy + dy * s


def edge_path(diagram: Diagram, edge: Edge) -> list[tuple[float, float]]:
    a, b = diagram.nodes[edge.source], diagram.nodes[edge.target]
    ca = (a.x + a.w / 2, a.y + a.h / 2)
    cb = (b.x + b.w / 2, b.y + b.h / 2)
    if edge.route != 'straight' and (ca[0] == cb[0] or ca[1] == cb[1]):
        return [_anchor(a, cb), _anchor(b, ca)]  # in one row or column there is no corner to turn
    if edge.route == 'hv':
        corner = (cb[0], ca[1])
        return [_anchor(a, corner), corner, _anchor(b, corner)]
    if edge.route == 'vh':
        corner = (ca[0], cb[1])
        return [_anchor(a, corner), corner, _anchor(b, corner)]
    return [_anchor(a, cb), _anchor(b, ca)]


# -- SVG ----------------------------------------------------------------------------------------

EM = 16  # SVG user units per em (scaled with the page by the viewBox)


def _e(value: float) -> str:
    return f'{value * EM:.1f}'.rstrip('0').rstrip('.')


def to_svg(diagram: Diagram, title: str, description: str, ident: str) -> str:
    """Inline SVG: colours come from CSS classes (light and dark themes), text stays text."""
    w, h = diagram.width, diagram.height
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="sdbook-diagram-svg" viewBox="0 0 {_e(w)} {_e(h)}" '
           f'width="{_e(w)}" role="img" aria-labelledby="{ident}-title {ident}-desc">',
           f'<title id="{ident}-title">{html.escape(title)}</title>',
           f'<desc id="{ident}-desc">{html.escape(description)}</desc>',
           f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="sdbook-dg-arrowhead"/></marker></defs>']
    for group in diagram.groups:
        x, y, gw, gh = group.box
        out.append(f'<rect class="sdbook-dg-group" x="{_e(x)}" y="{_e(y)}" width="{_e(gw)}" height="{_e(gh)}" rx="8"/>')
    for edge in diagram.edges:
        points = edge_path(diagram, edge)
        d = 'M' + ' L'.join(f'{_e(px)},{_e(py)}' for px, py in points)
        dash = ' sdbook-dg-dashed' if edge.dashed else ''
        out.append(f'<path class="sdbook-dg-edge{dash}" d="{d}" marker-end="url(#{ident}-arrow)"/>')
        if edge.label:
            lx, ly, anchor = label_place(points)
            out.append(f'<text class="sdbook-dg-edge-label" x="{_e(lx)}" y="{_e(ly)}" text-anchor="{anchor}">'
                       f'{html.escape(edge.label)}</text>')
    for group in diagram.groups:  # over the arrows that cross the frame, with a halo
        if group.label:
            x, y = group.box[:2]
            out.append(f'<text class="sdbook-dg-group-label" x="{_e(x + 0.5)}" y="{_e(y + LINE * 0.75)}">'
                       f'{html.escape(group.label)}</text>')
    for node in diagram.nodes.values():
        out.append(f'<rect class="sdbook-dg-node sdbook-dg-{node.kind}" x="{_e(node.x)}" y="{_e(node.y)}" '
                   f'width="{_e(node.w)}" height="{_e(node.h)}" rx="6"/>')
        y = node.y + PAD_Y
        for text, scale in _lines(node):
            y += LINE * scale
            cls = 'sdbook-dg-label' if scale == 1.0 else 'sdbook-dg-subtext'
            out.append(f'<text class="{cls}" x="{_e(node.x + node.w / 2)}" y="{_e(y - LINE * scale * 0.3)}" '
                       f'text-anchor="middle">{html.escape(text)}</text>')
    out.append('</svg>')
    return '\n'.join(out)


def edge_label_right(diagram: Diagram, edge: Edge) -> float:
    """Where an arrow's label ends on the right: a label beside an arrow near the right edge
    would otherwise run off the canvas."""
    lx, _ly, anchor = label_place(edge_path(diagram, edge))
    width = text_width(edge.label, EDGE_LABEL_SCALE)
    return lx + (width / 2 if anchor == 'middle' else width)


def label_place(points: list[tuple[float, float]]) -> tuple[float, float, str]:
    """Where an arrow's label goes: above the middle of its longest segment if that runs
    across, beside it (to the right) if it runs up or down. Returns x, baseline y, anchor."""
    segments = list(itertools.pairwise(points))
    (x0, y0), (x1, y1) = max(segments, key=lambda s: math.dist(*s))
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    if abs(x1 - x0) >= abs(y1 - y0):
        return mx, my - 0.35, 'middle'
    return mx + 0.4, my + 0.3, 'start'


# -- TikZ -----------------------------------------------------------------------------------------

TIKZ_COLOURS = {'input': 'sdbookdgInput', 'model': 'sdbookdgModel', 'data': 'sdbookdgData', 'step': 'sdbookdgStep',
                'output': 'sdbookdgOutput', 'note': 'sdbookdgNote'}


def to_tikz(diagram: Diagram, escape: Callable[[str], str]) -> str:
    """The same drawing for the PDF, in em so it follows the PDF's type size; y grows downwards.
    ``escape`` makes a text safe for LaTeX (the extension passes Sphinx's)."""
    _tex = escape
    scale = min(1.0, 34.0 / diagram.width)  # fit the text width of an A4 page (about 34 em at 10 pt)
    out = [rf'\begin{{tikzpicture}}[x={scale:.3f}em, y=-{scale:.3f}em, every node/.style={{font=\small}}]']
    for group in diagram.groups:
        x, y, gw, gh = group.box
        out.append(rf'\draw[sdbookdgGroup, rounded corners=4pt, dashed] ({x:.2f},{y:.2f}) rectangle ({x + gw:.2f},{y + gh:.2f});')
    for edge in diagram.edges:
        points = edge_path(diagram, edge)
        style = '->, >=stealth, thick' + (', dashed' if edge.dashed else '')
        out.append(rf'\draw[{style}] ' + ' -- '.join(f'({px:.2f},{py:.2f})' for px, py in points) + ';')
        if edge.label:
            lx, ly, anchor = label_place(points)
            side = 'anchor=base' if anchor == 'middle' else 'anchor=base west'
            out.append(rf'\node[{side}, font=\footnotesize, fill=white, inner sep=1pt] at ({lx:.2f},{ly:.2f}) '
                       rf'{{{_tex(edge.label)}}};')
    for group in diagram.groups:
        if group.label:
            x, y = group.box[:2]
            out.append(rf'\node[anchor=west, font=\footnotesize\itshape, fill=white, inner sep=1pt] '
                       rf'at ({x + 0.4:.2f},{y + LINE * 0.5:.2f}) {{{_tex(group.label)}}};')
    for node in diagram.nodes.values():
        out.append(rf'\draw[fill={TIKZ_COLOURS[node.kind]}, draw=sdbookdgLine, rounded corners=3pt] '
                   rf'({node.x:.2f},{node.y:.2f}) rectangle ({node.x + node.w:.2f},{node.y + node.h:.2f});')
        y = node.y + PAD_Y
        for text, s in _lines(node):
            y += LINE * s
            font = r'\small' if s == 1.0 else r'\scriptsize'
            out.append(rf'\node[font={font}] at ({node.x + node.w / 2:.2f},{y - LINE * s * 0.5:.2f}) {{{_tex(text)}}};')
    out.append(r'\end{tikzpicture}')
    return '\n'.join(out)
