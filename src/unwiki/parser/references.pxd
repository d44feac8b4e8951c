# Cython declarations of unwiki.parser.references (an augmenting .pxd: the rest of the module
# is references.py). Compiled, parser.markers cimports these (`from cython.cimports.unwiki.parser
# .references import ...` under `if cython.compiled:`, a plain import otherwise) and calls them
# as C functions: a ref marker is the commonest strip marker. A change here needs a rebuild of
# references and of markers.
cpdef ref_marker(item, st)
cpdef citation_text(item, site)
cpdef add_reference_list(item, st)
