# Cython declarations of unwiki.preprocessor.tree (an augmenting .pxd: the rest of the module
# is tree.py). Compiled, the modules that cimport these constructors (`from
# cython.cimports.unwiki.preprocessor.tree import ...` under `if cython.compiled:`, a plain
# import otherwise) call them as C functions, and they fill the node's C fields directly: no
# Python call, no argument parsing. A change here needs a rebuild of tree and of scan.

cpdef new_template(title, parts, line_start, pieces, links)
cpdef new_ext_tag(name, attrs, inner, close, text, Py_ssize_t start, Py_ssize_t end)
