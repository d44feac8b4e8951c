# Cython declarations of unwiki.parser.markers (an augmenting .pxd: the rest of the module is
# markers.py). Compiled, parser.inline and parser.blocks cimport these (`from cython.cimports
# .unwiki.parser.markers import ...` under `if cython.compiled:`, a plain import otherwise) and
# call them as C functions, once per strip marker. A change here needs a rebuild of markers,
# inline and blocks.
cpdef inline_marker(index, st, list ev)
cpdef block_marker(item, st)
cpdef bint is_block(item) except -1
