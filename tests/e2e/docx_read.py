"""Read a .docx with python-docx and print what the tests check, as JSON: the paragraphs'
text (body, then inside the tables), the tables' cells, and each section's page setup in mm
with whether its header numbers the pages (a PAGE field) from the second page, and the number
a section's pages start from when it restarts them (the annex)."""
import json
import re
import sys

import docx
from docx.shared import Mm

doc = docx.Document(sys.argv[1])
mm = lambda v: round(v / Mm(1)) if v is not None else None
out = {
    "paragraphs": [p.text for p in doc.paragraphs],
    "tables": [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables],
    "sections": [
        {
            "width": mm(s.page_width),
            "height": mm(s.page_height),
            "top": mm(s.top_margin),
            "bottom": mm(s.bottom_margin),
            "left": mm(s.left_margin),
            "right": mm(s.right_margin),
            "page_numbers": " PAGE " in s.header._element.xml,
            "first_page_different": s.different_first_page_header_footer,
            "numbered_from": (lambda m: int(m.group(1)) if m else None)(
                re.search(r'w:pgNumType[^>]*w:start="(\d+)"', s._sectPr.xml)
            ),
        }
        for s in doc.sections
    ],
    "fonts": sorted({r.font.name for p in doc.paragraphs for r in p.runs if r.font.name}),
    "default_font": doc.styles["Normal"].font.name,
    "bold_runs": [r.text for p in doc.paragraphs for r in p.runs if r.bold],
}
print(json.dumps(out, ensure_ascii=False))
