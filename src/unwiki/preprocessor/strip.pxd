# Cython declarations of unwiki.preprocessor.strip (an augmenting .pxd: the rest of the module
# is strip.py). Compiled, the expansion engine cimports `new_strip_item` (`from
# cython.cimports.unwiki.preprocessor.strip import ...` under `if cython.compiled:`, a plain
# import otherwise) and calls it as a C function: a page's commonest strip items are made
# without a Python call. A change here needs a rebuild of strip and of expansion/engine.

cpdef new_strip_item(kind, name, attrs, body, role, args, block)
