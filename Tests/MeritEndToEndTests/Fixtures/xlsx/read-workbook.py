#!/usr/bin/env python3
"""Reads a workbook with openpyxl (an independent reader: PyPI's openpyxl) and prints, as JSON, its one
sheet: the frozen cell, and every row as [value, type] pairs, type being openpyxl's data_type ('s' text,
'n' number, 'f' formula, ...). Used by XLSXOutputTests."""
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
sheet = book.worksheets[0]
rows = [[[cell.value, cell.data_type] for cell in row] for row in sheet.iter_rows()]
print(json.dumps({"sheets": book.sheetnames, "frozen": sheet.freeze_panes, "rows": rows,
                  "bold_header": all(cell.font.b for cell in sheet[1] if cell.value is not None),
                  "widths": [sheet.column_dimensions[c].width for c in "ABCDE"]}))
