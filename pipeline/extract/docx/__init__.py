"""Word (.docx) backend: body paragraphs and tables in reading order, with the marks drawn in
each table cell (flowchart shapes, small pictures, ticks, shading).

python-docx opens the package and gives the body, headers, numbering and styles; the rest is
read from the XML with lxml, because python-docx exposes neither the origin of merged cells nor
drawings, VML shapes and text boxes.

Modules by job: `package` opens the file (zip checks), `reader` walks the body and header
(the backend entry), `text` reads what characters and list numbers print, `shapes` the
symbols, labels and pictures drawn in a paragraph, `tables` lays Word tables out as grids;
`ooxml` holds the XML helpers they share.
"""
from pipeline.extract.docx.reader import read_docx

__all__ = ["read_docx"]
