/* steward-urgency-rule.c — one urgency rule: a name and its conditions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-urgency"

#include "steward-urgency.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "steward-error.h"

struct _StewardUrgencyRule {
  GObject  parent_instance;

  gint64   id;
  char    *name;
  gboolean enabled;
  GArray  *conditions;   /* StewardCondition, words owned */
};

G_DEFINE_FINAL_TYPE (StewardUrgencyRule, steward_urgency_rule, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const type_names[] = {
  [STEWARD_CONDITION_KEYWORDS] = "keywords",
  [STEWARD_CONDITION_SENTIMENT] = "sentiment",
  [STEWARD_CONDITION_REACH] = "reach",
  [STEWARD_CONDITION_DIRECT] = "direct",
  [STEWARD_CONDITION_BURST] = "burst",
};

static void
clear_condition (gpointer data)
{
  StewardCondition *condition = data;

  g_clear_pointer (&condition->words, g_strfreev);
}

/* Words without blanks around them; empty ones dropped. */
static GStrv
clean_words (const char * const *words)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      g_autofree char *word = g_strstrip (g_strdup (words[i]));

      if (*word != '\0')
        g_strv_builder_add (builder, word);
    }

  return g_strv_builder_end (builder);
}

static gboolean
get_int_member (JsonObject  *object,
                const char  *member,
                const char  *type,
                gint64       min,
                gint64       max,
                gint64      *out,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   /* TRANSLATORS: a rule condition's "min" (or "count"…) must be a whole number */
                   _("The “%s” condition needs a whole number “%s” between %d and %d"),
                   type, member, (int) min, (int) max);
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
parse_condition (JsonNode          *node,
                 StewardCondition  *condition,
                 GError           **error)
{
  JsonObject *object;
  JsonNode *type_node;
  const char *type;
  gint64 n;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                           _("Each condition must be a JSON object"));
      return FALSE;
    }

  object = json_node_get_object (node);
  type_node = json_object_get_member (object, "type");
  type = type_node != NULL && JSON_NODE_HOLDS_VALUE (type_node) &&
         json_node_get_value_type (type_node) == G_TYPE_STRING
    ? json_node_get_string (type_node)
    : NULL;
  if (type == NULL)
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                           _("A condition has no “type”"));
      return FALSE;
    }

  if (g_str_equal (type, "keywords"))
    {
      JsonNode *words_node = json_object_get_member (object, "words");
      JsonArray *words = words_node != NULL && JSON_NODE_HOLDS_ARRAY (words_node)
        ? json_node_get_array (words_node)
        : NULL;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      condition->type = STEWARD_CONDITION_KEYWORDS;
      for (guint i = 0; words != NULL && i < json_array_get_length (words); i++)
        {
          JsonNode *word = json_array_get_element (words, i);

          if (!JSON_NODE_HOLDS_VALUE (word) || json_node_get_value_type (word) != G_TYPE_STRING)
            {
              g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                                   _("Keywords must be strings"));
              return FALSE;
            }
          g_strv_builder_add (builder, json_node_get_string (word));
        }

      {
        g_auto(GStrv) raw = g_strv_builder_end (builder);

        condition->words = clean_words ((const char * const *) raw);
      }
      if (condition->words[0] == NULL)
        {
          g_clear_pointer (&condition->words, g_strfreev);
          g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                               _("The “keywords” condition needs at least one word"));
          return FALSE;
        }
    }
  else if (g_str_equal (type, "sentiment"))
    {
      JsonNode *max = json_object_get_member (object, "max");
      double value;

      if (max == NULL || !JSON_NODE_HOLDS_VALUE (max) ||
          (json_node_get_value_type (max) != G_TYPE_DOUBLE &&
           json_node_get_value_type (max) != G_TYPE_INT64) ||
          (value = json_node_get_double (max)) < -1.0 || value > 1.0 || isnan (value))
        {
          g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                               _("The “sentiment” condition needs a number “max” between −1 and 1"));
          return FALSE;
        }
      condition->type = STEWARD_CONDITION_SENTIMENT;
      condition->max_score = value;
    }
  else if (g_str_equal (type, "reach"))
    {
      if (!get_int_member (object, "min", type, 0, G_MAXINT, &n, error))
        return FALSE;
      condition->type = STEWARD_CONDITION_REACH;
      condition->min_followers = n;
    }
  else if (g_str_equal (type, "direct"))
    {
      condition->type = STEWARD_CONDITION_DIRECT;
    }
  else if (g_str_equal (type, "burst"))
    {
      condition->type = STEWARD_CONDITION_BURST;
      if (!get_int_member (object, "count", type, 1, 1000, &n, error))
        return FALSE;
      condition->count = (guint) n;
      if (!get_int_member (object, "minutes", type, 1, 60 * 24 * 30, &n, error))
        return FALSE;
      condition->minutes = (guint) n;
    }
  else
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("Unknown condition type “%s”"), type);
      return FALSE;
    }

  return TRUE;
}

static char *
describe_condition (const StewardCondition *condition)
{
  switch (condition->type)
    {
    case STEWARD_CONDITION_KEYWORDS:
      {
        /* TRANSLATORS: separates the words of a keyword list */
        g_autofree char *words = g_strjoinv (_(", "), condition->words);

        /* TRANSLATORS: %s is a list of words, "refund, 退款" */
        return g_strdup_printf (_("Mentions %s"), words);
      }

    case STEWARD_CONDITION_SENTIMENT:
      {
        char number[G_ASCII_DTOSTR_BUF_SIZE];

        g_snprintf (number, sizeof number, "%.2g", condition->max_score);
        /* TRANSLATORS: %s is a sentiment score such as -0.3 */
        return g_strdup_printf (_("Sentiment at most %s"), number);
      }

    case STEWARD_CONDITION_REACH:
      {
        gulong n = (gulong) condition->min_followers;

        return g_strdup_printf (ngettext ("Author has at least %lu follower",
                                          "Author has at least %lu followers", n), n);
      }

    case STEWARD_CONDITION_DIRECT:
      return g_strdup (_("Direct message"));

    case STEWARD_CONDITION_BURST:
      {
        g_autofree char *items = g_strdup_printf (ngettext ("%u item", "%u items", condition->count),
                                                  condition->count);
        g_autofree char *minutes = g_strdup_printf (ngettext ("%u minute", "%u minutes",
                                                              condition->minutes),
                                                    condition->minutes);

        /* TRANSLATORS: "At least 3 items from one author within 60 minutes" */
        return g_strdup_printf (_("At least %s from one author within %s"), items, minutes);
      }

    default:
      g_assert_not_reached ();
    }
}

static void
steward_urgency_rule_finalize (GObject *object)
{
  StewardUrgencyRule *self = (StewardUrgencyRule *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->conditions, g_array_unref);

  G_OBJECT_CLASS (steward_urgency_rule_parent_class)->finalize (object);
}

static void
steward_urgency_rule_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StewardUrgencyRule *self = STEWARD_URGENCY_RULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_urgency_rule_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StewardUrgencyRule *self = STEWARD_URGENCY_RULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      if (self->id != g_value_get_int64 (value))
        {
          self->id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_NAME:
      steward_urgency_rule_set_name (self, g_value_get_string (value));
      break;
    case PROP_ENABLED:
      steward_urgency_rule_set_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_urgency_rule_class_init (StewardUrgencyRuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_urgency_rule_finalize;
  object_class->get_property = steward_urgency_rule_get_property;
  object_class->set_property = steward_urgency_rule_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_urgency_rule_init (StewardUrgencyRule *self)
{
  self->name = g_strdup ("");
  self->enabled = TRUE;
  self->conditions = g_array_new (FALSE, TRUE, sizeof (StewardCondition));
  g_array_set_clear_func (self->conditions, clear_condition);
}

/**
 * steward_urgency_rule_new:
 * @name: (nullable): the rule's name
 *
 * Returns: (transfer full): an enabled rule without conditions
 */
StewardUrgencyRule *
steward_urgency_rule_new (const char *name)
{
  return g_object_new (STEWARD_TYPE_URGENCY_RULE, "name", name != NULL ? name : "", NULL);
}

gint64
steward_urgency_rule_get_id (StewardUrgencyRule *self)
{
  g_return_val_if_fail (STEWARD_IS_URGENCY_RULE (self), 0);
  return self->id;
}

const char *
steward_urgency_rule_get_name (StewardUrgencyRule *self)
{
  g_return_val_if_fail (STEWARD_IS_URGENCY_RULE (self), NULL);
  return self->name;
}

void
steward_urgency_rule_set_name (StewardUrgencyRule *self,
                               const char         *name)
{
  g_return_if_fail (STEWARD_IS_URGENCY_RULE (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;

  /* Control characters never reach a name: it is shown on one line in
   * lists, notifications and the CLI's tab-separated output. */
  g_free (self->name);
  self->name = g_strdup (name);
  for (char *p = self->name; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        *p = ' ';
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gboolean
steward_urgency_rule_get_enabled (StewardUrgencyRule *self)
{
  g_return_val_if_fail (STEWARD_IS_URGENCY_RULE (self), FALSE);
  return self->enabled;
}

void
steward_urgency_rule_set_enabled (StewardUrgencyRule *self,
                                  gboolean            enabled)
{
  g_return_if_fail (STEWARD_IS_URGENCY_RULE (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

guint
steward_urgency_rule_get_n_conditions (StewardUrgencyRule *self)
{
  g_return_val_if_fail (STEWARD_IS_URGENCY_RULE (self), 0);
  return self->conditions->len;
}

/**
 * steward_urgency_rule_get_condition:
 * @self: a rule
 * @index: which condition
 *
 * Returns: (transfer none): the condition, valid until the rule changes
 */
const StewardCondition *
steward_urgency_rule_get_condition (StewardUrgencyRule *self,
                                    guint               index)
{
  g_return_val_if_fail (STEWARD_IS_URGENCY_RULE (self), NULL);
  g_return_val_if_fail (index < self->conditions->len, NULL);

  return &g_array_index (self->conditions, StewardCondition, index);
}

void
steward_urgency_rule_add_condition (StewardUrgencyRule     *self,
                                    const StewardCondition *condition)
{
  StewardCondition copy;

  g_return_if_fail (STEWARD_IS_URGENCY_RULE (self));
  g_return_if_fail (condition != NULL);
  g_return_if_fail (condition->type <= STEWARD_CONDITION_BURST);

  copy = *condition;
  copy.words = condition->type == STEWARD_CONDITION_KEYWORDS
    ? clean_words ((const char * const *) condition->words)
    : NULL;
  g_array_append_val (self->conditions, copy);
}

void
steward_urgency_rule_remove_condition (StewardUrgencyRule *self,
                                       guint               index)
{
  g_return_if_fail (STEWARD_IS_URGENCY_RULE (self));
  g_return_if_fail (index < self->conditions->len);

  g_array_remove_index (self->conditions, index);
}

/**
 * steward_urgency_rule_describe:
 * @self: a rule
 *
 * Returns: (transfer full): one translated phrase per condition, joined
 *   with " · "
 */
char *
steward_urgency_rule_describe (StewardUrgencyRule *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (STEWARD_IS_URGENCY_RULE (self), NULL);

  if (self->conditions->len == 0)
    return g_strdup (_("No conditions"));

  for (guint i = 0; i < self->conditions->len; i++)
    {
      g_autofree char *line = describe_condition (&g_array_index (self->conditions,
                                                                  StewardCondition, i));

      if (i > 0)
        g_string_append (text, " · ");
      g_string_append (text, line);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * steward_urgency_rule_to_json:
 * @self: a rule
 *
 * Returns: (transfer full): the definition as stored (see steward-urgency.h)
 */
char *
steward_urgency_rule_to_json (StewardUrgencyRule *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (STEWARD_IS_URGENCY_RULE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "conditions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->conditions->len; i++)
    {
      const StewardCondition *condition = &g_array_index (self->conditions, StewardCondition, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, type_names[condition->type]);
      switch (condition->type)
        {
        case STEWARD_CONDITION_KEYWORDS:
          json_builder_set_member_name (builder, "words");
          json_builder_begin_array (builder);
          for (guint j = 0; condition->words != NULL && condition->words[j] != NULL; j++)
            json_builder_add_string_value (builder, condition->words[j]);
          json_builder_end_array (builder);
          break;
        case STEWARD_CONDITION_SENTIMENT:
          json_builder_set_member_name (builder, "max");
          json_builder_add_double_value (builder, condition->max_score);
          break;
        case STEWARD_CONDITION_REACH:
          json_builder_set_member_name (builder, "min");
          json_builder_add_int_value (builder, condition->min_followers);
          break;
        case STEWARD_CONDITION_DIRECT:
          break;
        case STEWARD_CONDITION_BURST:
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, condition->count);
          json_builder_set_member_name (builder, "minutes");
          json_builder_add_int_value (builder, condition->minutes);
          break;
        default:
          g_assert_not_reached ();
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * steward_urgency_rule_new_from_json:
 * @name: (nullable): the rule's name
 * @json: a definition (see steward-urgency.h)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the rule, or %NULL with
 *   %STEWARD_ERROR_INVALID_ARGUMENT saying what is wrong
 */
StewardUrgencyRule *
steward_urgency_rule_new_from_json (const char  *name,
                                    const char  *json,
                                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(StewardUrgencyRule) rule = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;
  JsonNode *conditions;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &parse_error))
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("The rule is not valid JSON: %s"), parse_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                           _("A rule must be a JSON object"));
      return NULL;
    }

  conditions = json_object_get_member (json_node_get_object (root), "conditions");
  if (conditions == NULL || !JSON_NODE_HOLDS_ARRAY (conditions) ||
      json_array_get_length (json_node_get_array (conditions)) == 0)
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                           _("A rule needs a non-empty “conditions” array"));
      return NULL;
    }

  rule = steward_urgency_rule_new (name);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (conditions)); i++)
    {
      StewardCondition condition = { 0 };

      if (!parse_condition (json_array_get_element (json_node_get_array (conditions), i),
                            &condition, error))
        return NULL;
      g_array_append_val (rule->conditions, condition);
    }

  return g_steal_pointer (&rule);
}
