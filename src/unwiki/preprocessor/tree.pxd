# Cython declarations of unwiki.preprocessor.tree (an augmenting .pxd: the rest of the module
# is tree.py). Compiled, the modules that cimport these constructors (`from
# cython.cimports.unwiki.preprocessor.tree import ...` under `if cython.compiled:`, a plain
# import otherwise) call them as C functions, and they fill the node's C fields directly: no
# Python call, no argument parsing; `find_char` is inlined where it is called. A change here
# needs a rebuild of tree and of scan.
from cpython.unicode cimport PyUnicode_FindChar


cdef inline Py_ssize_t find_char(str text, Py_UCS4 c, Py_ssize_t start, Py_ssize_t end) except -2:
    """`text.find(c, start, end)` for one character `c`: a direct memchr-like call (str.find,
    and PyUnicode_Find, go through the general substring search). (Plain Python: tree.py's.)"""
    return PyUnicode_FindChar(text, c, start, end, 1)


cpdef new_template(title, parts, line_start, pieces, links)
cpdef new_ext_tag(name, attrs, inner, close, text, Py_ssize_t start, Py_ssize_t end)
