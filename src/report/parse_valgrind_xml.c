/* parse_valgrind_xml.c: Valgrind's XML (protocol 4) from Helgrind and DRD.
 *
 *   <valgrindoutput>
 *     <protocoltool>helgrind</protocoltool>  <pid>3131</pid>
 *     <announcethread><hthreadid>2</hthreadid><stack>...</stack></announcethread>
 *     <error>
 *       <kind>Race</kind>
 *       <xwhat><text>Possible data race during read ...</text><hthreadid>3</hthreadid></xwhat>
 *       <stack><frame><ip/><obj/><fn/><dir/><file/><line/></frame>...</stack>
 *       <xauxwhat><text>This conflicts with a previous write ...</text>...</xauxwhat>
 *       <stack>...</stack>
 *       <auxwhat>Address 0x10c030 is 0 bytes inside data symbol "counter"</auxwhat>
 *     </error>
 *     <status><state>FINISHED</state>...</status>
 *   </valgrindoutput>
 *
 * expat calls back per element; the parser keeps the element path (as ids)
 * and the text of the element being read.  An <error> is collected as
 * ordered items (what, auxwhat, ... each with the stack after it) and
 * handed to vg_build_finding() at </error>.  A document expat cannot finish
 * is an error, never a partial finding list: a cut report must not pass
 * the gate as "fewer races". */
#include <expat.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "parse_internal.h"
#include "report_parse.h"

/* Element text beyond this is dropped: no Valgrind field is near it. */
enum { XML_TEXT_CAP = 64 * 1024, XML_MAX_DEPTH = 64, XML_CHUNK = 1 << 20 };

enum element {
    EL_OTHER,
    EL_VALGRINDOUTPUT,
    EL_PROTOCOLTOOL,
    EL_TOOL,
    EL_PID,
    EL_STATUS,
    EL_STATE,
    EL_ANNOUNCETHREAD,
    EL_HTHREADID,
    EL_ERROR,
    EL_KIND,
    EL_WHAT,
    EL_XWHAT,
    EL_AUXWHAT,
    EL_XAUXWHAT,
    EL_TEXT,
    EL_FILE,
    EL_LINE,
    EL_DIR,
    EL_STACK,
    EL_FRAME,
    EL_IP,
    EL_OBJ,
    EL_FN,
    EL_ALLOCATION_CONTEXT,
    EL_OTHER_SEGMENT_START,
    EL_OTHER_SEGMENT_END,
    EL_FIRST_OBSERVED_AT,
    EL_ADDRESS,
    EL_ERRORCOUNTS,
    EL_PAIR,
    EL_FATAL_SIGNAL,
    EL_SIGNO,
    EL_SIGNAME,
};

static const struct {
    const char *name;
    enum element id;
} element_names[] = {
    {"valgrindoutput", EL_VALGRINDOUTPUT},
    {"protocoltool", EL_PROTOCOLTOOL},
    {"tool", EL_TOOL},
    {"pid", EL_PID},
    {"status", EL_STATUS},
    {"state", EL_STATE},
    {"announcethread", EL_ANNOUNCETHREAD},
    {"hthreadid", EL_HTHREADID},
    {"error", EL_ERROR},
    {"kind", EL_KIND},
    {"what", EL_WHAT},
    {"xwhat", EL_XWHAT},
    {"auxwhat", EL_AUXWHAT},
    {"xauxwhat", EL_XAUXWHAT},
    {"text", EL_TEXT},
    {"file", EL_FILE},
    {"line", EL_LINE},
    {"dir", EL_DIR},
    {"stack", EL_STACK},
    {"frame", EL_FRAME},
    {"ip", EL_IP},
    {"obj", EL_OBJ},
    {"fn", EL_FN},
    {"allocation_context", EL_ALLOCATION_CONTEXT},
    {"other_segment_start", EL_OTHER_SEGMENT_START},
    {"other_segment_end", EL_OTHER_SEGMENT_END},
    {"first_observed_at", EL_FIRST_OBSERVED_AT},
    {"address", EL_ADDRESS},
    {"errorcounts", EL_ERRORCOUNTS},
    {"pair", EL_PAIR},
    {"fatal_signal", EL_FATAL_SIGNAL},
    {"signo", EL_SIGNO},
    {"signame", EL_SIGNAME},
};

/* A frame's parts arrive as separate elements; the file is dir + "/" + file. */
struct pending_frame {
    const char *dir;
    struct frame *frame;
};

struct xml_parser {
    XML_Parser expat;
    struct report *report;
    struct arena *arena;
    int depth;                          /* of the element being read */
    enum element path[XML_MAX_DEPTH];   /* ids of the open elements */
    char *text;                         /* character data of the innermost element */
    size_t text_length;
    bool not_valgrind;                  /* root element is not <valgrindoutput> */
    char root_name[64];
    int pid;
    bool state_finished;                /* <state>FINISHED</state> */
    bool root_closed;                   /* </valgrindoutput> */
    bool root_opened;                   /* <valgrindoutput> */
    int error_pairs;                    /* <errorcounts><pair>s */
    bool saw_errorcounts;
    /* The error being read. */
    bool in_error;
    struct vg_error error;
    struct vg_item *item;               /* item the current text/stack belongs to */
    struct vg_item scratch;             /* stands in for items past the cap */
    struct stack *stack;                /* <stack> being filled, or NULL */
    struct pending_frame frame;
    /* Thread announcements, for creation stacks. */
    struct vg_thread *threads;
    size_t thread_count;
    struct vg_thread *announce;         /* inside <announcethread> */
};

static enum element element_id(const XML_Char *name)
{
    for (size_t i = 0; i < sizeof element_names / sizeof element_names[0]; i++)
        if (strcmp(name, element_names[i].name) == 0)
            return element_names[i].id;
    return EL_OTHER;
}

/* Id of the open element `up` levels above the current one (0 = itself). */
static enum element parent(const struct xml_parser *parser, int up)
{
    int index = parser->depth - 1 - up;
    if (index < 0 || index >= XML_MAX_DEPTH)
        return EL_OTHER;
    return parser->path[index];
}

static struct span current_text(const struct xml_parser *parser)
{
    return span_trim(span_make(parser->text, parser->text_length));
}

static int text_int(const struct xml_parser *parser)
{
    struct span s = current_text(parser);
    int value = -1;
    span_consume_int(&s, &value);
    return value;
}

static struct vg_item *new_item(struct xml_parser *parser, enum vg_item_kind kind)
{
    if (parser->error.item_count >= PARSE_MAX_ENTRIES) {
        /* Past the cap, parts land in a scratch item that no finding uses. */
        memset(&parser->scratch, 0, sizeof parser->scratch);
        parser->item = &parser->scratch;
        return &parser->scratch;
    }
    struct vg_item *item = ARRAY_APPEND(parser->arena, parser->error.items, parser->error.item_count);
    item->kind = kind;
    item->thread = -1;
    parser->item = item;
    return item;
}

/* <stack> belongs to the item before it (what/auxwhat/allocation context)
   or to the thread being announced. */
static void start_stack(struct xml_parser *parser, enum element up)
{
    parser->stack = NULL;
    if (up == EL_ANNOUNCETHREAD && parser->announce != NULL) {
        parser->stack = &parser->announce->created_at;
    } else if (parser->in_error &&
               (up == EL_ERROR || up == EL_ALLOCATION_CONTEXT || up == EL_FIRST_OBSERVED_AT ||
                up == EL_OTHER_SEGMENT_START || up == EL_OTHER_SEGMENT_END)) {
        if (up == EL_ERROR && (parser->item == NULL || parser->item->stack.count > 0))
            new_item(parser, parser->item == NULL ? VG_ITEM_WHAT : VG_ITEM_AUX);
        if (parser->item != NULL)
            parser->stack = &parser->item->stack;
    }
    if (parser->stack != NULL)
        parser->stack->count = 0;
}

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **attributes)
{
    (void)attributes;
    struct xml_parser *parser = data;
    enum element id = element_id(name);
    if (parser->depth == 0 && id != EL_VALGRINDOUTPUT) {
        parser->not_valgrind = true;
        strncpy(parser->root_name, name, sizeof parser->root_name - 1);
        XML_StopParser(parser->expat, XML_FALSE);
        return;
    }
    if (parser->depth == 0)
        parser->root_opened = true;
    enum element up = parent(parser, 0);
    if (parser->depth < XML_MAX_DEPTH)
        parser->path[parser->depth] = id;
    parser->depth++;
    parser->text_length = 0;

    switch (id) {
    case EL_ERROR:
        if (up == EL_VALGRINDOUTPUT) {
            memset(&parser->error, 0, sizeof parser->error);
            parser->error.pid = parser->pid;
            parser->in_error = true;
            parser->item = NULL;
        }
        break;
    case EL_XWHAT:
        if (parser->in_error && up == EL_ERROR)
            new_item(parser, VG_ITEM_WHAT);
        break;
    case EL_XAUXWHAT:
        if (parser->in_error && up == EL_ERROR)
            new_item(parser, VG_ITEM_AUX);
        break;
    case EL_ALLOCATION_CONTEXT:
    case EL_OTHER_SEGMENT_START:
    case EL_OTHER_SEGMENT_END:
    case EL_FIRST_OBSERVED_AT:
        if (parser->in_error && up == EL_ERROR)
            new_item(parser, id == EL_ALLOCATION_CONTEXT  ? VG_ITEM_ALLOC_CONTEXT
                             : id == EL_FIRST_OBSERVED_AT ? VG_ITEM_FIRST_OBSERVED
                                                          : VG_ITEM_OTHER_SEGMENT);
        break;
    case EL_ANNOUNCETHREAD:
        if (up == EL_VALGRINDOUTPUT && parser->thread_count < PARSE_MAX_ENTRIES) {
            parser->announce = ARRAY_APPEND(parser->arena, parser->threads, parser->thread_count);
            parser->announce->pid = parser->pid;
            parser->announce->id = -1;
        }
        break;
    case EL_STACK:
        start_stack(parser, up);
        break;
    case EL_FRAME:
        if (up == EL_STACK && parser->stack != NULL) {
            parser->frame.frame = stack_append_frame(parser->arena, parser->stack);
            parser->frame.dir = NULL;
        }
        break;
    default:
        break;
    }
}

static void end_frame_field(struct xml_parser *parser, enum element id)
{
    struct frame *frame = parser->frame.frame;
    struct span text = current_text(parser);
    if (frame == NULL || text.n == 0)
        return;
    switch (id) {
    case EL_OBJ:
        frame->object = span_dup(parser->arena, text);
        frame->shared_object = object_is_shared(frame->object);
        break;
    case EL_FN:
        if (!span_equals(text, "???"))
            frame->function = span_dup(parser->arena, text);
        break;
    case EL_DIR:
        parser->frame.dir = span_dup(parser->arena, text);
        break;
    case EL_FILE:
        frame->file = span_dup(parser->arena, text);
        break;
    case EL_LINE:
        frame->line = text_int(parser) < 0 ? 0 : text_int(parser);
        break;
    default:
        break;
    }
}

/* </frame>: join <dir> and <file> into the path Valgrind text shows with
   --fullpath-after=, so the source can be found. */
static void end_frame(struct xml_parser *parser)
{
    struct frame *frame = parser->frame.frame;
    if (frame != NULL && frame->file != NULL && parser->frame.dir != NULL &&
        frame->file[0] != '/') {
        size_t dir_length = strlen(parser->frame.dir), file_length = strlen(frame->file);
        char *path = arena_alloc(parser->arena, dir_length + file_length + 2);
        memcpy(path, parser->frame.dir, dir_length);
        path[dir_length] = '/';
        memcpy(path + dir_length + 1, frame->file, file_length + 1);
        frame->file = path;
    }
    parser->frame.frame = NULL;
    parser->frame.dir = NULL;
}

/* Text of an element inside <error>: kind, what, auxwhat and their parts. */
static void end_error_field(struct xml_parser *parser, enum element id, enum element up)
{
    struct span text = current_text(parser);
    struct vg_item *item = parser->item;
    if (id == EL_KIND && up == EL_ERROR) {
        parser->error.kind = span_dup(parser->arena, text);
    } else if ((id == EL_WHAT || id == EL_AUXWHAT) && up == EL_ERROR) {
        item = new_item(parser, id == EL_WHAT ? VG_ITEM_WHAT : VG_ITEM_AUX);
        item->text = span_dup(parser->arena, text);
    } else if (item == NULL) {
        return;
    } else if (id == EL_TEXT && (up == EL_XWHAT || up == EL_XAUXWHAT)) {
        item->text = span_dup(parser->arena, text);
    } else if (id == EL_HTHREADID && (up == EL_XWHAT || up == EL_XAUXWHAT)) {
        item->thread = text_int(parser);
    } else if (id == EL_FILE && up == EL_XAUXWHAT) {
        item->file = span_dup(parser->arena, text);
    } else if (id == EL_LINE && up == EL_XAUXWHAT) {
        item->line = text_int(parser) < 0 ? 0 : text_int(parser);
    } else if (id == EL_WHAT && up == EL_FIRST_OBSERVED_AT) {
        item->text = span_dup(parser->arena, text);
    } else if (id == EL_ADDRESS && up == EL_FIRST_OBSERVED_AT) {
        item->has_address = span_consume_hex(&text, &item->address);
    }
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
    (void)name;
    struct xml_parser *parser = data;
    enum element id = parent(parser, 0), up = parent(parser, 1);
    struct span text = current_text(parser);

    if (id == EL_IP || id == EL_OBJ || id == EL_FN || id == EL_DIR || id == EL_FILE ||
        id == EL_LINE) {
        if (up == EL_FRAME)
            end_frame_field(parser, id);
    }
    if (parser->in_error)
        end_error_field(parser, id, up);

    switch (id) {
    case EL_VALGRINDOUTPUT:
        if (parser->depth == 1)
            parser->root_closed = true;
        break;
    case EL_PROTOCOLTOOL:
    case EL_TOOL:
        if (span_equals(text, "helgrind"))
            parser->report->tool = TOOL_HELGRIND;
        else if (span_equals(text, "drd"))
            parser->report->tool = TOOL_DRD;
        break;
    case EL_PID:
        if (up == EL_VALGRINDOUTPUT)
            parser->pid = text_int(parser) < 0 ? 0 : text_int(parser);
        break;
    case EL_STATE:
        if (up == EL_STATUS)
            parser->state_finished = span_equals(text, "FINISHED");
        break;
    case EL_HTHREADID:
        if (up == EL_ANNOUNCETHREAD && parser->announce != NULL)
            parser->announce->id = text_int(parser);
        break;
    case EL_ANNOUNCETHREAD:
        parser->announce = NULL;
        break;
    case EL_FRAME:
        if (up == EL_STACK)
            end_frame(parser);
        break;
    case EL_STACK:
        parser->stack = NULL;
        break;
    case EL_ALLOCATION_CONTEXT:
    case EL_OTHER_SEGMENT_START:
    case EL_OTHER_SEGMENT_END:
    case EL_FIRST_OBSERVED_AT:
        /* A following <stack> directly in <error> starts a new item. */
        if (parser->in_error && up == EL_ERROR)
            parser->item = NULL;
        break;
    case EL_ERROR:
        if (parser->in_error && up == EL_VALGRINDOUTPUT) {
            vg_build_finding(parser->report, &parser->error, parser->threads,
                             parser->thread_count);
            parser->in_error = false;
            parser->item = NULL;
        }
        break;
    case EL_PAIR:
        if (up == EL_ERRORCOUNTS)
            parser->error_pairs++;
        break;
    case EL_ERRORCOUNTS:
        parser->saw_errorcounts = true;
        break;
    case EL_SIGNO:
        /* <fatal_signal>: the program was killed; the first one counts. */
        if (up == EL_FATAL_SIGNAL && parser->report->program_signal == 0 && text_int(parser) > 0)
            parser->report->program_signal = text_int(parser);
        break;
    case EL_SIGNAME:
        if (up == EL_FATAL_SIGNAL && parser->report->program_signal_name == NULL && text.n > 0)
            parser->report->program_signal_name = span_dup(parser->arena, text);
        break;
    default:
        break;
    }
    parser->depth--;
    parser->text_length = 0;
}

static void XMLCALL on_text(void *data, const XML_Char *text, int length)
{
    struct xml_parser *parser = data;
    if (length <= 0 || parser->text_length >= XML_TEXT_CAP)
        return;
    size_t room = XML_TEXT_CAP - parser->text_length;
    size_t take = (size_t)length < room ? (size_t)length : room;
    memcpy(parser->text + parser->text_length, text, take);
    parser->text_length += take;
}

/* The first line in which Valgrind says it died, copied, or NULL. */
static const char *valgrind_death(struct arena *arena, const char *text, size_t length)
{
    struct line_cursor cursor;
    struct span line;
    line_cursor_init(&cursor, text == NULL ? "" : text, text == NULL ? 0 : length);
    while (next_line(&cursor, &line))
        if (is_valgrind_death_line(line))
            return span_dup(arena, span_trim(line));
    return NULL;
}

/* expat's errors that mean "the document stopped early". */
static bool is_truncation(enum XML_Error code)
{
    return code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN ||
           code == XML_ERROR_PARTIAL_CHAR || code == XML_ERROR_UNCLOSED_CDATA_SECTION;
}

/* Whether expat's failure means the document stopped early rather than
 * that it is not XML: it failed at the very end (an element, tag, character
 * or CDATA section left open: the file was cut, as when valgrind is killed),
 * or it ends with a </valgrindoutput> that closes the root while elements
 * are still open, and the text before that closing tag fails at its end.
 * The second is what Valgrind writes when it dies: its assertion and panic
 * paths print "</valgrindoutput>" into the XML wherever the report was, in
 * the middle of an <error> too, before they say why on stderr. */
static bool stopped_early(const char *text, size_t length, enum XML_Error code)
{
    if (is_truncation(code))
        return true;
    static const char CLOSE[] = "</valgrindoutput>";
    size_t end = length;
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\r' || text[end - 1] == '\t'))
        end--;
    size_t close_length = sizeof CLOSE - 1;
    if (end < close_length || memcmp(text + end - close_length, CLOSE, close_length) != 0)
        return false;
    size_t before = end - close_length;
    XML_Parser expat = XML_ParserCreate(NULL);
    if (expat == NULL)
        return false;
    enum XML_Status status = XML_STATUS_OK;
    size_t at = 0;
    do {
        int chunk = before - at > XML_CHUNK ? XML_CHUNK : (int)(before - at);
        bool last = at + (size_t)chunk == before;
        status = XML_Parse(expat, text + at, chunk, last ? XML_TRUE : XML_FALSE);
        at += (size_t)chunk;
    } while (status == XML_STATUS_OK && at < before);
    bool early = status != XML_STATUS_OK && is_truncation(XML_GetErrorCode(expat));
    XML_ParserFree(expat);
    return early;
}

int parse_valgrind_xml(const char *text, size_t length, struct report *report, char *error,
                       size_t error_size)
{
    report->format = FORMAT_VALGRIND_XML;
    struct xml_parser parser = {.report = report, .arena = &report->arena};
    parser.text = arena_alloc(&report->arena, XML_TEXT_CAP);
    parser.expat = XML_ParserCreate(NULL);
    if (parser.expat == NULL) {
        set_error(error, error_size, "out of memory creating the XML parser");
        return -1;
    }
    XML_SetUserData(parser.expat, &parser);
    XML_SetElementHandler(parser.expat, on_start, on_end);
    XML_SetCharacterDataHandler(parser.expat, on_text);

    /* XML_Parse takes an int length: feed large reports in chunks. */
    const char *at = text == NULL ? "" : text;
    size_t left = text == NULL ? 0 : length;
    enum XML_Status status = XML_STATUS_OK;
    do {
        int chunk = left > XML_CHUNK ? XML_CHUNK : (int)left;
        bool last = (size_t)chunk == left;
        status = XML_Parse(parser.expat, at, chunk, last ? XML_TRUE : XML_FALSE);
        at += chunk;
        left -= (size_t)chunk;
    } while (status == XML_STATUS_OK && left > 0);

    int result = 0;
    const char *death = status != XML_STATUS_OK && !parser.not_valgrind
                            ? valgrind_death(&report->arena, text, length) : NULL;
    if (death != NULL) {
        /* Valgrind died mid-run: its XML stops (or has its panic after the
           document); that is the reason, not the XML's state. */
        report->fatal = death;
    } else if (parser.not_valgrind) {
        set_error(error, error_size, "XML is not Valgrind output (root element <%s>)",
                  parser.root_name);
        result = -1;
    } else if (status != XML_STATUS_OK && parser.root_opened &&
               stopped_early(text == NULL ? "" : text, text == NULL ? 0 : length, XML_GetErrorCode(parser.expat))) {
        /* Valgrind stopped writing mid-report: it died or was killed.  The
           errors read before the cut are kept, and the report is not
           finished: no verdict, never a shorter list of findings. */
        char reason[160];
        snprintf(reason, sizeof reason,
                 "Valgrind's XML report stops at line %lu, mid-document: valgrind crashed or was killed "
                 "while writing it", (unsigned long)XML_GetCurrentLineNumber(parser.expat));
        report->fatal = span_dup(&report->arena, span_make(reason, strlen(reason)));
    } else if (status != XML_STATUS_OK) {
        enum XML_Error code = XML_GetErrorCode(parser.expat);
        set_error(error, error_size, "%s Valgrind XML: %s at line %lu",
                  is_truncation(code) ? "truncated" : "malformed", XML_ErrorString(code),
                  (unsigned long)XML_GetCurrentLineNumber(parser.expat));
        result = -1;
    } else {
        /* Finished only when Valgrind said so and closed the document. */
        report->finished = parser.state_finished && parser.root_closed;
        if (parser.saw_errorcounts)
            report->reported_count = parser.error_pairs;
    }
    XML_ParserFree(parser.expat);
    return result;
}
