/*
 * HTML escaping for the view layer. Mustache's {{name}} goes through html_escape, so a value from
 * the model can never open a tag, close an attribute or start an entity.
 */
#ifndef TAMBON_VIEW_HTML_H
#define TAMBON_VIEW_HTML_H

#include <stddef.h>

#include "base/buf.h"

/*
 * Appends the n bytes at s to out with & < > " ' replaced by &amp; &lt; &gt; &quot; &#39;. All other
 * bytes (UTF-8 Thai text included) are copied unchanged. The result is safe as element text and as
 * the value of a quoted attribute (either quote); it is not safe in unquoted attributes, inside
 * <script> or <style>, or as a URL (javascript: passes through): such places need their own
 * function. Returns ERR_TOOBIG, with out unchanged, when the escaped text does not fit.
 */
__attribute__((warn_unused_result)) int html_escape(struct buf *out, const char *s, size_t n);

#endif
