#!/usr/bin/env python3
# Writes the SYNTHETIC .xlsx NCCI test fixtures in test/fixtures/ncci/xlsx/ (the same rows as the
# CSV fixtures beside them, AOC dates stored as Excel dates) with the standard library only:
#   cd test/fixtures/ncci/xlsx && python3 ../../../../scripts/make-synthetic-xlsx.py
import zipfile, datetime, sys
from xml.sax.saxutils import escape

def col(i):
    s=''
    i+=1
    while i: i,r=divmod(i-1,26); s=chr(65+r)+s
    return s

def write(path, rows):
    """rows: list of lists of (value, kind) where kind in s (string), n (number), d (date YYYYMMDD -> serial with date style)"""
    shared=[]; idx={}
    sheet=['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>','<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r,row in enumerate(rows,1):
        cells=[]
        for c,(v,k) in enumerate(row):
            ref=f'{col(c)}{r}'
            if v=='' : continue
            if k=='s':
                if v not in idx: idx[v]=len(shared); shared.append(v)
                cells.append(f'<c r="{ref}" t="s"><v>{idx[v]}</v></c>')
            elif k=='n':
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif k=='d':
                d=datetime.date(int(v[:4]),int(v[4:6]),int(v[6:]))
                serial=(d-datetime.date(1899,12,30)).days
                cells.append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
        sheet.append(f'<row r="{r}">'+''.join(cells)+'</row>')
    sheet.append('</sheetData></worksheet>')
    sst='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'%(len(shared),len(shared))+''.join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in shared)+'</sst>'
    styles='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="mm/dd/yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'
    wb='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="SYNTHETIC" sheetId="1" r:id="rId1"/></sheets></workbook>'
    rels='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ct='<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
    with zipfile.ZipFile(path,'w',zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml',ct)
        z.writestr('xl/workbook.xml',wb)
        z.writestr('xl/_rels/workbook.xml.rels',rels)
        z.writestr('xl/sharedStrings.xml',sst)
        z.writestr('xl/styles.xml',styles)
        z.writestr('xl/worksheets/sheet1.xml','\n'.join(sheet))

S=lambda v:(v,'s'); N=lambda v:(v,'n'); D=lambda v:(v,'d')
write('synthetic-mue-practitioner.xlsx',[
 [S('SYNTHETIC TEST DATA: made for CPT Lens tests in the layout of the CMS NCCI practitioner MUE table (Excel form). NOT CMS MUE values.')],
 [S('CPT codes and descriptions only are copyright American Medical Association. All Rights Reserved. (notice line as in the CMS file)')],
 [S('HCPCS/CPT Code'),S('Practitioner Services MUE Values'),S('MUE Adjudication Indicator'),S('MUE Rationale')],
 [N('47383'),N('1'),S('2 Date of Service Edit: Policy'),S('Anatomic Consideration')],
 [N('76940'),N('1'),S('3 Date of Service Edit: Clinical'),S('Nature of Service/Procedure')],
 [N('64484'),N('4'),S('1 Line Edit'),S('CMS Policy')],
 [S('J1100'),S('ten'),S('3 Date of Service Edit: Clinical'),S('BAD ROW: value not a number')],
])
write('synthetic-aoc.xlsx',[
 [S('SYNTHETIC TEST DATA: made for CPT Lens tests in the layout of the CMS NCCI add-on code edit table (Excel form, dates as Excel dates). NOT CMS edits.')],
 [S(h) for h in 'Add-On Code,Add-On Code Effective Date,Add-On Code Deletion Date,Primary Code,Primary Code Effective Date,Primary Code Deletion Date,AOC Edit Type,AOC Edit Effective Date,AOC Edit Deletion Date,Special Instruction Notes'.split(',')],
 [N('64484'),D('20110101'),S(''),N('64483'),D('20110101'),S(''),N('1'),D('20110101'),S(''),S('')],
 [N('22614'),D('20040101'),S(''),N('22612'),D('20040101'),S(''),N('1'),D('20040101'),D('20241231'),S('')],
 [N('22614'),D('20040101'),S(''),N('22630'),D('20040101'),S(''),N('1'),D('20200101'),S(''),S('')],
])
