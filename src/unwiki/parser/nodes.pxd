# Cython declarations of unwiki.parser.nodes (an augmenting .pxd: the rest of the module is
# nodes.py). Compiled, the modules that cimport these names (`from cython.cimports.unwiki.parser.nodes
# import ...` under `if cython.compiled:`, a plain import otherwise) call them as C functions:
# _put and _get inlined, the constructors through nodes' table of C functions. A change here
# needs a rebuild of nodes and of every module that cimports it (inline, blocks, lists,
# references, tables, and render's text and json).
from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF, Py_XDECREF


cdef inline void _put(object obj, Py_ssize_t slot, object value) noexcept:
    """`obj.<field> = value`, the field's `slot` from slot_offset: a store at that offset (a
    generic setattr costs about 140 instructions, this a dozen), the old value released as the
    member descriptor would. (Plain Python: nodes.py's _put.)"""
    cdef PyObject **field = <PyObject **>(<char *><PyObject *>obj + slot)
    cdef PyObject *old = field[0]
    Py_INCREF(value)
    field[0] = <PyObject *>value
    Py_XDECREF(old)


cdef inline object _get(object obj, Py_ssize_t slot):
    """`obj.<field>`, the field's `slot` from slot_offset: a load at that offset; a field never
    set raises AttributeError, as getattr would. (Plain Python: nodes.py's _get.)"""
    cdef PyObject *value = (<PyObject **>(<char *><PyObject *>obj + slot))[0]
    if value:
        return <object>value
    raise AttributeError(f"{type(obj).__name__} has no field at offset {slot}")


cdef inline object _field(object obj, type cls, Py_ssize_t slot):
    """`obj.<field>` for the renderers, which may meet objects other than the parser's: a
    load at the offset when `obj` is exactly a `cls` and the field is set, else a getattr by
    the field's name (out of line, so that the load is inlined). (Plain Python: nodes.py's.)"""
    cdef PyObject *value
    if type(obj) is cls:
        value = (<PyObject **>(<char *><PyObject *>obj + slot))[0]
        if value:
            return <object>value
    return field_by_name(obj, cls, slot)


cpdef field_by_name(obj, cls, slot)


# The constructors (cpdef: C functions to the modules that cimport them, Python functions to
# the others). nodes.py is compiled without annotation typing (its first line): its
# annotations say what the constructors take, but like plain Python they test no type, so
# their arguments are untyped here.
cpdef new_text(text)
cpdef new_link(target, children)
cpdef new_link_ref(target, text)
cpdef new_bold()
cpdef new_italic()
cpdef new_ref_marker(index)
cpdef new_paragraph(children)
cpdef new_heading(level, children)
cpdef new_list_item(kind)
cpdef new_list_block(kind)
cpdef new_table_row()
cpdef new_table_cell(header, blocks)
cpdef new_span_cell(header, colspan, rowspan, blocks)
cpdef new_reference(name)
cpdef new_template_use(name, how, count)
cpdef new_ext_link(url, children)
cpdef new_external_link_ref(url, text)
cpdef new_line_break()
cpdef new_span(tag)
cpdef new_image(file, caption)
cpdef new_infobox_field(key, label, value)
