/* steward-composer.c — writing a reply in the conversation pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The composer counts the reply as the item's server will (see
 * steward-reply-length.c) against the limit its instance announced, and
 * sends through the outbox: the reply is stored first, then the item's
 * account syncs, which sends it. Offline the reply simply waits there.
 * A draft per item is kept while the window lives.
 */
#define G_LOG_DOMAIN "steward-inbox"

#include <glib/gi18n.h>

#include "steward-composer.h"
#include "steward-reply-length.h"
#include "steward-window.h"

struct _StewardComposer
{
  AdwBin            parent_instance;

  StewardContext   *context;
  StewardInboxItem *item;
  GHashTable       *drafts;         /* item id → text */
  guint             length;
  guint             max_characters;

  /* Template widgets */
  GtkRevealer      *cw_revealer;
  GtkEntry         *cw_entry;
  GtkTextView      *text_view;
  GtkDropDown      *visibility_dropdown;
  GtkDropDown      *language_dropdown;
  GtkToggleButton  *cw_button;
  GtkPopover       *canned_popover;
  GtkListBox       *canned_list;
  GtkLabel         *state_label;
  GtkLabel         *counter_label;
};

G_DEFINE_FINAL_TYPE (StewardComposer, steward_composer, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ITEM,
  PROP_LENGTH,
  PROP_MAX_CHARACTERS,
  PROP_CAN_SEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The dropdowns' order (composer.ui). */
static const char * const visibilities[] = { "public", "unlisted", "private", "direct" };
static const char * const languages[] = { NULL, "zh", "en" };

static char *
dup_text (StewardComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static void
update_counter (StewardComposer *self)
{
  g_autofree char *text = dup_text (self);
  g_autofree char *counter = NULL;
  g_autofree char *tooltip = NULL;
  const char *spoiler = NULL;
  gboolean was_sendable = steward_composer_get_can_send (self);
  guint old_length = self->length;
  int remaining;

  if (gtk_toggle_button_get_active (self->cw_button))
    spoiler = gtk_editable_get_text (GTK_EDITABLE (self->cw_entry));

  self->length = steward_reply_length (text, spoiler);
  remaining = (int) self->max_characters - (int) self->length;

  counter = g_strdup_printf ("%d", remaining);
  gtk_label_set_label (self->counter_label, counter);
  if (remaining < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");
  /* Translators: tooltip of the reply's character counter; both are
   * numbers, e.g. "120 of 500 characters" */
  tooltip = g_strdup_printf (_("%u of %u characters"), self->length, self->max_characters);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->counter_label), tooltip);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send",
                                 self->item != NULL && self->length <= self->max_characters &&
                                 !text_is_blank (text));

  if (old_length != self->length)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENGTH]);
  if (was_sendable != steward_composer_get_can_send (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SEND]);
}

static void
update_max_characters (StewardComposer *self)
{
  g_autoptr(StewardAccount) account = NULL;
  guint max_characters = 0;

  if (self->context != NULL && self->item != NULL)
    account = steward_store_get_account (steward_context_get_store (self->context),
                                         steward_inbox_item_get_account_id (self->item), NULL);
  if (account != NULL)
    max_characters = steward_account_get_max_characters (account);
  if (max_characters == 0)
    max_characters = STEWARD_REPLY_DEFAULT_MAX_CHARACTERS;

  if (self->max_characters != max_characters)
    {
      self->max_characters = max_characters;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_CHARACTERS]);
    }
  update_counter (self);
}

static guint
visibility_position (StewardInboxItem *item)
{
  const char *visibility = steward_inbox_item_get_visibility (item);

  for (guint i = 0; visibility != NULL && i < G_N_ELEMENTS (visibilities); i++)
    if (g_strcmp0 (visibility, visibilities[i]) == 0)
      return i;

  /* A direct message is answered privately; a mention as it came. */
  return steward_inbox_item_get_kind (item) == STEWARD_ITEM_KIND_DIRECT ? 3 : 0;
}

static void
save_draft (StewardComposer *self)
{
  g_autofree char *text = NULL;
  gint64 id;

  if (self->item == NULL)
    return;

  id = steward_inbox_item_get_id (self->item);
  text = dup_text (self);
  if (text_is_blank (text))
    g_hash_table_remove (self->drafts, &id);
  else
    g_hash_table_insert (self->drafts, g_memdup2 (&id, sizeof id), g_steal_pointer (&text));
}

static void
load_item (StewardComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *draft = NULL;
  gint64 id;

  gtk_editable_set_text (GTK_EDITABLE (self->cw_entry), "");
  gtk_toggle_button_set_active (self->cw_button, FALSE);
  gtk_drop_down_set_selected (self->language_dropdown, 0);
  gtk_label_set_label (self->state_label, "");

  if (self->item != NULL)
    {
      id = steward_inbox_item_get_id (self->item);
      draft = g_hash_table_lookup (self->drafts, &id);
      gtk_drop_down_set_selected (self->visibility_dropdown, visibility_position (self->item));
    }

  gtk_text_buffer_set_text (buffer, draft != NULL ? draft : "", -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->item != NULL);
  update_max_characters (self);
}

static void
on_text_changed_cb (StewardComposer *self)
{
  update_counter (self);
}

static void
on_cw_button_toggled_cb (StewardComposer *self,
                         GtkToggleButton *button)
{
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_revealer_set_reveal_child (self->cw_revealer, active);
  if (active)
    gtk_widget_grab_focus (GTK_WIDGET (self->cw_entry));
  update_counter (self);
}

static void
on_store_changed_cb (StewardComposer *self,
                     const char      *what,
                     StewardStore    *store)
{
  /* The sync learns the server's limit on its first run. */
  if (g_strcmp0 (what, "accounts") == 0)
    update_max_characters (self);
}

static void
on_canned_popover_show_cb (StewardComposer *self,
                           GtkPopover      *popover)
{
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->canned_list))) != NULL)
    gtk_list_box_remove (self->canned_list, child);

  if (self->context == NULL)
    return;

  replies = steward_store_list_canned_replies (steward_context_get_store (self->context), &error);
  if (replies == NULL)
    {
      g_warning ("Could not list canned replies: %s", error->message);
      return;
    }

  if (replies->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No canned replies yet"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->canned_list, label);
      return;
    }

  for (guint i = 0; i < replies->len; i++)
    {
      StewardCannedReply *reply = g_ptr_array_index (replies, i);
      GtkWidget *label = gtk_label_new (reply->title);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_set_tooltip_text (label, reply->text);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "text", g_strdup (reply->text), g_free);
      gtk_list_box_append (self->canned_list, row);
    }
}

static void
on_canned_row_activated_cb (StewardComposer *self,
                            GtkListBoxRow   *row,
                            GtkListBox      *list_box)
{
  const char *text = g_object_get_data (G_OBJECT (row), "text");
  g_autofree char *me = NULL;
  g_autofree char *expanded = NULL;
  GtkTextBuffer *buffer;

  if (text == NULL || self->item == NULL || self->context == NULL)
    return;

  me = steward_store_dup_me (steward_context_get_store (self->context));
  expanded = steward_canned_reply_expand (text, self->item, me);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_insert_at_cursor (buffer, expanded, -1);
  gtk_popover_popdown (self->canned_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The window's account-failed handler tells the user about failures;
   * the outbox entry keeps its state either way. */
  if (!steward_sync_engine_sync_finish (STEWARD_SYNC_ENGINE (object), result, &error))
    g_debug ("Sync after a reply failed: %s", error->message);
}

static void
add_toast (StewardComposer *self,
           const char      *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (STEWARD_IS_WINDOW (root))
    steward_window_add_toast (STEWARD_WINDOW (root), adw_toast_new (title));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StewardComposer *self = STEWARD_COMPOSER (widget);
  g_autoptr(GError) error = NULL;

  if (steward_composer_send (self, &error) == 0 && error != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (widget);

      if (STEWARD_IS_WINDOW (root))
        steward_window_show_error (STEWARD_WINDOW (root), _("Could not queue the reply"), error);
    }
}

static void
steward_composer_dispose (GObject *object)
{
  StewardComposer *self = STEWARD_COMPOSER (object);

  steward_composer_set_context (self, NULL);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_COMPOSER);
  g_clear_object (&self->item);
  g_clear_pointer (&self->drafts, g_hash_table_unref);

  G_OBJECT_CLASS (steward_composer_parent_class)->dispose (object);
}

static void
steward_composer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StewardComposer *self = STEWARD_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_LENGTH:
      g_value_set_uint (value, self->length);
      break;

    case PROP_MAX_CHARACTERS:
      g_value_set_uint (value, self->max_characters);
      break;

    case PROP_CAN_SEND:
      g_value_set_boolean (value, steward_composer_get_can_send (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_composer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StewardComposer *self = STEWARD_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      steward_composer_set_context (self, g_value_get_object (value));
      break;

    case PROP_ITEM:
      steward_composer_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_composer_class_init (StewardComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_composer_dispose;
  object_class->get_property = steward_composer_get_property;
  object_class->set_property = steward_composer_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         STEWARD_TYPE_INBOX_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LENGTH] =
    g_param_spec_uint ("length", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MAX_CHARACTERS] =
    g_param_spec_uint ("max-characters", NULL, NULL,
                       0, G_MAXUINT, STEWARD_REPLY_DEFAULT_MAX_CHARACTERS,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_SEND] =
    g_param_spec_boolean ("can-send", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/inbox/steward-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardComposer, cw_revealer);
  gtk_widget_class_bind_template_child (widget_class, StewardComposer, cw_entry);
  gtk_widget_class_bind_template_child (widget_class, StewardComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, StewardComposer, visibility_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StewardComposer, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StewardComposer, cw_button);
  gtk_widget_class_bind_template_child (widget_class, StewardComposer, canned_popover);
  gtk_widget_class_bind_template_child (widget_class, StewardComposer, canned_list);
  gtk_widget_class_bind_template_child (widget_class, StewardComposer, state_label);
  gtk_widget_class_bind_template_child (widget_class, StewardComposer, counter_label);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cw_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_canned_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_canned_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_action);

  gtk_widget_class_set_css_name (widget_class, "composer");
}

static void
steward_composer_init (StewardComposer *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  self->drafts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->max_characters = STEWARD_REPLY_DEFAULT_MAX_CHARACTERS;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_text_changed_cb), self, G_CONNECT_SWAPPED);

  /* Before the text view, which would insert a line break. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                               gtk_named_action_new ("composer.send"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  load_item (self);
}

StewardContext *
steward_composer_get_context (StewardComposer *self)
{
  g_return_val_if_fail (STEWARD_IS_COMPOSER (self), NULL);

  return self->context;
}

void
steward_composer_set_context (StewardComposer *self,
                              StewardContext  *context)
{
  g_return_if_fail (STEWARD_IS_COMPOSER (self));
  g_return_if_fail (context == NULL || STEWARD_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (steward_context_get_store (self->context), self);
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect_object (steward_context_get_store (context), "changed",
                             G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  update_max_characters (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

StewardInboxItem *
steward_composer_get_item (StewardComposer *self)
{
  g_return_val_if_fail (STEWARD_IS_COMPOSER (self), NULL);

  return self->item;
}

void
steward_composer_set_item (StewardComposer  *self,
                           StewardInboxItem *item)
{
  g_return_if_fail (STEWARD_IS_COMPOSER (self));
  g_return_if_fail (item == NULL || STEWARD_IS_INBOX_ITEM (item));

  if (self->item == item)
    return;

  /* Another object for the same item (read again) keeps the text. */
  if (self->item != NULL && item != NULL &&
      steward_inbox_item_get_id (self->item) == steward_inbox_item_get_id (item))
    {
      g_set_object (&self->item, item);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
      return;
    }

  save_draft (self);
  g_set_object (&self->item, item);
  load_item (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

guint
steward_composer_get_length (StewardComposer *self)
{
  g_return_val_if_fail (STEWARD_IS_COMPOSER (self), 0);

  return self->length;
}

guint
steward_composer_get_max_characters (StewardComposer *self)
{
  g_return_val_if_fail (STEWARD_IS_COMPOSER (self), 0);

  return self->max_characters;
}

gboolean
steward_composer_get_can_send (StewardComposer *self)
{
  g_return_val_if_fail (STEWARD_IS_COMPOSER (self), FALSE);

  return self->item != NULL && self->length > 0 && self->length <= self->max_characters;
}

void
steward_composer_focus (StewardComposer *self)
{
  g_return_if_fail (STEWARD_IS_COMPOSER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

gint64
steward_composer_send (StewardComposer  *self,
                       GError          **error)
{
  StewardDraft draft = { NULL, };
  g_autofree char *text = NULL;
  StewardSyncEngine *engine;
  StewardStore *store;
  guint visibility;
  guint language;
  gint64 item_id;
  gint64 entry_id;

  g_return_val_if_fail (STEWARD_IS_COMPOSER (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (self->item == NULL || self->context == NULL)
    return 0;

  text = dup_text (self);
  if (text_is_blank (text))
    return 0;
  if (self->length > self->max_characters)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   /* Translators: both are numbers of characters */
                   _("The reply is %u characters long; the server accepts %u"),
                   self->length, self->max_characters);
      return 0;
    }

  visibility = gtk_drop_down_get_selected (self->visibility_dropdown);
  language = gtk_drop_down_get_selected (self->language_dropdown);
  draft.text = text;
  draft.visibility = (char *) (visibility < G_N_ELEMENTS (visibilities) ? visibilities[visibility] : NULL);
  draft.language = (char *) (language < G_N_ELEMENTS (languages) ? languages[language] : NULL);
  if (gtk_toggle_button_get_active (self->cw_button))
    {
      const char *spoiler = gtk_editable_get_text (GTK_EDITABLE (self->cw_entry));

      if (!text_is_blank (spoiler))
        draft.spoiler_text = (char *) spoiler;
    }

  store = steward_context_get_store (self->context);
  item_id = steward_inbox_item_get_id (self->item);
  entry_id = steward_store_queue_reply (store, item_id, &draft, error);
  if (entry_id == 0)
    return 0;

  /* Stored: the text may go. */
  g_hash_table_remove (self->drafts, &item_id);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->cw_entry), "");
  gtk_toggle_button_set_active (self->cw_button, FALSE);

  /* The engine decides whether it can reach the server (a demo or
   * loopback server syncs offline too); the entry waits in the outbox
   * otherwise, and the user should know. */
  engine = steward_context_get_sync_engine (self->context);
  if (!steward_sync_engine_get_online (engine))
    {
      gtk_label_set_label (self->state_label, _("Queued; will be sent when online"));
      add_toast (self, _("Queued; will be sent when online"));
    }
  steward_sync_engine_sync_async (engine, steward_inbox_item_get_account_id (self->item),
                                  NULL, sync_done_cb, NULL);

  return entry_id;
}
