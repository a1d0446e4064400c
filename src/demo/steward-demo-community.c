/* steward-demo-community.c — the people and posts of the demo workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-demo"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include <steward/steward.h>

#include "steward-demo-community.h"

#define RESOURCE_PATH   "/io/github/steward/Steward/demo/community/"
#define HISTORY_DAYS    30
#define STATE_VERSION   1
/* How many remembered posts save() keeps: enough for live replies, edits
 * and conversations to refer back to. */
#define MAX_SAVED_POSTS 400
/* A gap since the last run gets one scene per this many minutes, at most
 * MAX_GAP_SCENES. */
#define GAP_MINUTES_PER_SCENE 90
#define MAX_GAP_SCENES        40
#define NO_AUTHOR             G_MAXUINT
#define KEY_VOICE_FOLLOWERS   10000
#define N_RECENT              24
#define BRAND_PROFILE_BASE    "https://lumencoffee.example/"

typedef enum {
  TEMPER_CALM,
  TEMPER_FAN,
  TEMPER_ANGRY,
} Temper;

typedef enum {
  TOPIC_PRAISE,
  TOPIC_QUESTION,
  TOPIC_STORE,
  TOPIC_SUBSCRIPTION,
  TOPIC_SHIPPING,
  TOPIC_APP_CRASH,
  TOPIC_JAM,
  TOPIC_BURRS,
  TOPIC_REFUND,
  TOPIC_RESPONSE,
  N_TOPICS,
  TOPIC_ANY = N_TOPICS,
} Topic;

static const char *topic_names[] = {
  "praise", "question", "store", "subscription", "shipping",
  "app_crash", "jam", "burrs", "refund", "response",
};

typedef struct {
  char   *id;
  char   *acct;
  char   *name;
  char   *language;
  gint64  followers;
  Temper  temper;
} Author;

typedef struct {
  Topic     topic;
  char     *text;
  gboolean  html;
} Template;

typedef struct {
  gboolean  brand;
  char     *text;
} Line;

typedef struct {
  char      *language;
  char      *code;
  GPtrArray *mentions;       /* Template */
  GPtrArray *followups;      /* Template */
  GPtrArray *pile_on;        /* char* */
  GPtrArray *brand_replies;  /* Template */
  GPtrArray *conversations;  /* GPtrArray of Line */
  GPtrArray *dm_followups;   /* char* */
  GPtrArray *edits;          /* char* */
  GPtrArray *chatter;        /* char* */
} Corpus;

/* One status to write, planned before it is written so that a scene
 * (a thread, a conversation) can be spread over time and everything is
 * then written in time order. */
typedef struct _Step Step;
struct _Step {
  gint64               when;           /* unix microseconds */
  guint                author;         /* index, or NO_AUTHOR for the brand */
  StewardDemoPostKind  kind;
  char                *text;
  gboolean             html;
  gboolean             mention;        /* add a mention notification */
  Step                *parent;         /* in reply to a step of the same plan */
  Step                *conversation;   /* first step of its conversation */
  char                *parent_id;      /* … or to a status already written */
  char                *conversation_id;
  /* result */
  char                *id;
};

struct _StewardDemoCommunity
{
  GObject     parent_instance;

  Author      brand;
  GPtrArray  *authors;     /* Author */
  GPtrArray  *corpora;     /* Corpus */

  guint32     seed;
  GDateTime  *anchor;
  GDateTime  *saved_at;
  GPtrArray  *posts;       /* StewardDemoPost, oldest first */

  gpointer    recent[N_RECENT];  /* templates picked lately */
  guint       recent_next;
};

G_DEFINE_FINAL_TYPE (StewardDemoCommunity, steward_demo_community, G_TYPE_OBJECT)

/* helpers: records */

static void
author_clear (Author *author)
{
  g_clear_pointer (&author->id, g_free);
  g_clear_pointer (&author->acct, g_free);
  g_clear_pointer (&author->name, g_free);
  g_clear_pointer (&author->language, g_free);
}

static void
author_free (Author *author)
{
  author_clear (author);
  g_free (author);
}

static void
template_free (Template *template)
{
  g_free (template->text);
  g_free (template);
}

static void
line_free (Line *line)
{
  g_free (line->text);
  g_free (line);
}

static void
corpus_free (Corpus *corpus)
{
  g_free (corpus->language);
  g_free (corpus->code);
  g_clear_pointer (&corpus->mentions, g_ptr_array_unref);
  g_clear_pointer (&corpus->followups, g_ptr_array_unref);
  g_clear_pointer (&corpus->pile_on, g_ptr_array_unref);
  g_clear_pointer (&corpus->brand_replies, g_ptr_array_unref);
  g_clear_pointer (&corpus->conversations, g_ptr_array_unref);
  g_clear_pointer (&corpus->dm_followups, g_ptr_array_unref);
  g_clear_pointer (&corpus->edits, g_ptr_array_unref);
  g_clear_pointer (&corpus->chatter, g_ptr_array_unref);
  g_free (corpus);
}

static void
step_free (Step *step)
{
  g_free (step->text);
  g_free (step->parent_id);
  g_free (step->conversation_id);
  g_free (step->id);
  g_free (step);
}

static void
post_free (StewardDemoPost *post)
{
  g_free (post->id);
  g_free (post->conversation_id);
  g_free (post->in_reply_to_id);
  g_free (post->author);
  g_free (post->language);
  g_free (post->text);
  g_free (post);
}

/* helpers: loading the corpus */

static JsonNode *
load_resource (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_PATH, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED, "%s: not a JSON object", name);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object_element (JsonArray *array,
                    guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
parse_author (JsonObject  *object,
              Author      *author,
              GError     **error)
{
  const char *temper = json_object_get_string_member_with_default (object, "temper", "calm");

  author->id = g_strdup (json_object_get_string_member_with_default (object, "id", NULL));
  author->acct = g_strdup (json_object_get_string_member_with_default (object, "acct", NULL));
  author->name = g_strdup (json_object_get_string_member_with_default (object, "name", NULL));
  author->language = g_strdup (json_object_get_string_member_with_default (object, "language", "en"));
  author->followers = json_object_get_int_member_with_default (object, "followers", 0);
  author->temper = g_str_equal (temper, "fan") ? TEMPER_FAN
                 : g_str_equal (temper, "angry") ? TEMPER_ANGRY
                 : TEMPER_CALM;

  if (author->id == NULL || author->acct == NULL || author->name == NULL)
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                           "authors.json: an author lacks id, acct or name");
      return FALSE;
    }
  return TRUE;
}

static Topic
topic_from_string (const char *str)
{
  for (guint i = 0; i < N_TOPICS; i++)
    if (g_strcmp0 (str, topic_names[i]) == 0)
      return i;
  return TOPIC_ANY;
}

static GPtrArray *
parse_templates (JsonObject  *object,
                 const char  *member,
                 GError     **error)
{
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func ((GDestroyNotify) template_free);
  JsonArray *array = get_array (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *entry = get_object_element (array, i);
      const char *text, *html;
      Template *template;

      if (entry == NULL)
        continue;
      text = json_object_get_string_member_with_default (entry, "text", NULL);
      html = json_object_get_string_member_with_default (entry, "html", NULL);
      if (text == NULL && html == NULL)
        {
          g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                       "%s entry %u has neither text nor html", member, i);
          return NULL;
        }
      template = g_new0 (Template, 1);
      template->topic = topic_from_string (json_object_get_string_member_with_default (entry, "topic", "*"));
      template->text = g_strdup (html != NULL ? html : text);
      template->html = html != NULL;
      g_ptr_array_add (templates, template);
    }

  if (templates->len == 0)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED, "no %s", member);
      return NULL;
    }
  return g_steal_pointer (&templates);
}

static GPtrArray *
parse_strings (JsonObject  *object,
               const char  *member,
               GError     **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = get_array (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *str = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      if (str != NULL)
        g_ptr_array_add (strings, g_strdup (str));
    }

  if (strings->len == 0)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED, "no %s", member);
      return NULL;
    }
  return g_steal_pointer (&strings);
}

static GPtrArray *
parse_conversations (JsonObject  *object,
                     GError     **error)
{
  g_autoptr(GPtrArray) conversations = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  JsonArray *array = get_array (object, "conversations");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonArray *lines = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      g_autoptr(GPtrArray) conversation = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);

      for (guint j = 0; lines != NULL && j < json_array_get_length (lines); j++)
        {
          JsonObject *entry = get_object_element (lines, j);
          const char *text;
          Line *line;

          if (entry == NULL || (text = json_object_get_string_member_with_default (entry, "text", NULL)) == NULL)
            continue;
          line = g_new0 (Line, 1);
          line->brand = g_strcmp0 (json_object_get_string_member_with_default (entry, "from", NULL), "brand") == 0;
          line->text = g_strdup (text);
          g_ptr_array_add (conversation, line);
        }

      /* A conversation always opens with the customer. */
      if (conversation->len == 0 || ((Line *) g_ptr_array_index (conversation, 0))->brand)
        {
          g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                       "conversation %u does not open with the customer", i);
          return NULL;
        }
      g_ptr_array_add (conversations, g_steal_pointer (&conversation));
    }

  if (conversations->len == 0)
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED, "no conversations");
      return NULL;
    }
  return g_steal_pointer (&conversations);
}

static Corpus *
load_corpus (const char  *language,
             GError     **error)
{
  g_autofree char *name = g_strconcat (language, ".json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  Corpus *corpus;

  root = load_resource (name, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);

  corpus = g_new0 (Corpus, 1);
  corpus->language = g_strdup (language);
  corpus->code = g_strdup (json_object_get_string_member_with_default (object, "code", "en"));
  if ((corpus->mentions = parse_templates (object, "mentions", &local_error)) == NULL ||
      (corpus->brand_replies = parse_templates (object, "brand_replies", &local_error)) == NULL ||
      (corpus->followups = parse_templates (object, "followups", &local_error)) == NULL ||
      (corpus->pile_on = parse_strings (object, "pile_on", &local_error)) == NULL ||
      (corpus->dm_followups = parse_strings (object, "dm_followups", &local_error)) == NULL ||
      (corpus->edits = parse_strings (object, "edits", &local_error)) == NULL ||
      (corpus->chatter = parse_strings (object, "chatter", &local_error)) == NULL ||
      (corpus->conversations = parse_conversations (object, &local_error)) == NULL)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED, "%s: %s", name, local_error->message);
      corpus_free (corpus);
      return NULL;
    }
  return corpus;
}

static gboolean
load_authors (StewardDemoCommunity  *self,
              GError               **error)
{
  g_autoptr(JsonNode) root = load_resource ("authors.json", error);
  JsonObject *brand;
  JsonArray *authors;

  if (root == NULL)
    return FALSE;

  brand = json_object_has_member (json_node_get_object (root), "brand")
        ? json_object_get_object_member (json_node_get_object (root), "brand")
        : NULL;
  authors = get_array (json_node_get_object (root), "authors");
  if (brand == NULL || authors == NULL || json_array_get_length (authors) == 0)
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED, "authors.json: no brand or authors");
      return FALSE;
    }
  if (!parse_author (brand, &self->brand, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (authors); i++)
    {
      JsonObject *object = get_object_element (authors, i);
      Author *author = g_new0 (Author, 1);

      g_ptr_array_add (self->authors, author);
      if (object == NULL || !parse_author (object, author, error))
        return FALSE;
    }
  return TRUE;
}

static Corpus *
find_corpus (StewardDemoCommunity *self,
             const char           *language)
{
  for (guint i = 0; i < self->corpora->len; i++)
    {
      Corpus *corpus = g_ptr_array_index (self->corpora, i);

      if (g_str_equal (corpus->language, language))
        return corpus;
    }
  return g_ptr_array_index (self->corpora, self->corpora->len - 1);
}

/* helpers: chance */

static gpointer
pick (GRand     *rand,
      GPtrArray *array)
{
  g_assert (array->len > 0);
  return g_ptr_array_index (array, g_rand_int_range (rand, 0, array->len));
}

/* As pick(), avoiding what was picked lately so that the same words do
 * not come back in a row. */
static gpointer
pick_fresh (StewardDemoCommunity *self,
            GRand                *rand,
            GPtrArray            *array)
{
  gpointer choice = NULL;

  for (guint tries = 0; tries < 8; tries++)
    {
      gboolean seen = FALSE;

      choice = pick (rand, array);
      for (guint i = 0; i < N_RECENT; i++)
        seen |= self->recent[i] == choice;
      if (!seen)
        break;
    }
  self->recent[self->recent_next++ % N_RECENT] = choice;
  return choice;
}

static gboolean
chance (GRand  *rand,
        double  probability)
{
  return g_rand_double (rand) < probability;
}

static gint64
minutes (GRand *rand,
         int    low,
         int    high)
{
  return (gint64) g_rand_int_range (rand, low * 60, high * 60) * G_USEC_PER_SEC +
         g_rand_int_range (rand, 0, 1000) * 1000;
}

/* How much is said about each topic, @days after the anchor (negative:
 * before it), by someone of @temper. The story: an autumn sale backs up
 * shipping, app 3.2 crashes, grinders start to jam, then a batch of faulty
 * burrs becomes a crisis until the replacement programme is announced. */
static double
topic_weight (Topic    topic,
              double   days,
              Temper   temper,
              gboolean key_voice)
{
  double weight = 0;
  gboolean complaint = FALSE;

  switch (topic)
    {
    case TOPIC_PRAISE:
      weight = 3;
      break;
    case TOPIC_QUESTION:
      weight = 3;
      break;
    case TOPIC_STORE:
    case TOPIC_SUBSCRIPTION:
      weight = 1;
      complaint = topic == TOPIC_SUBSCRIPTION;
      break;
    case TOPIC_SHIPPING:
      weight = days >= -26 && days < -16 ? 6 : 1.5;
      complaint = TRUE;
      break;
    case TOPIC_APP_CRASH:
      weight = days < -18 ? 0 : days < -12 ? 6 : 1.5;
      complaint = TRUE;
      break;
    case TOPIC_JAM:
      weight = days < -14 ? 0.3 : 2;
      complaint = TRUE;
      break;
    case TOPIC_BURRS:
      weight = days < -10 ? 0 : days < -4 ? 9 : 4;
      complaint = TRUE;
      break;
    case TOPIC_REFUND:
      weight = days < -10 ? 0.5 : 3.5;
      complaint = TRUE;
      break;
    case TOPIC_RESPONSE:
      weight = days < -4 ? 0 : 4;
      break;
    case N_TOPICS:
    default:
      g_assert_not_reached ();
    }

  /* Key voices review and report; they don't chase their own orders. */
  if (key_voice && (topic == TOPIC_SUBSCRIPTION || topic == TOPIC_SHIPPING || topic == TOPIC_REFUND))
    return 0;

  if (temper == TEMPER_FAN)
    weight *= topic == TOPIC_PRAISE ? 3 : topic == TOPIC_QUESTION ? 2 : complaint ? 0.4 : 1;
  else if (temper == TEMPER_ANGRY)
    weight *= topic == TOPIC_PRAISE ? 0.1 : complaint ? 2 : 1;
  return weight;
}

static Topic
pick_topic (GRand  *rand,
            double  days,
            Author *author)
{
  double weights[N_TOPICS];
  double total = 0, r;

  for (guint i = 0; i < N_TOPICS; i++)
    total += weights[i] = topic_weight (i, days, author->temper, author->followers >= KEY_VOICE_FOLLOWERS);
  r = g_rand_double (rand) * total;
  for (guint i = 0; i < N_TOPICS; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return TOPIC_PRAISE;
}

/* Mentions per day: the crisis is loud. */
static double
mentions_per_day (double days)
{
  if (days >= -10 && days < -4)
    return 11;
  if (days >= -4)
    return 7;
  if (days >= -18 && days < -12)
    return 6;
  if (days >= -26 && days < -16)
    return 5;
  return 4;
}

static guint
pick_author (StewardDemoCommunity *self,
             GRand                *rand,
             double                days)
{
  /* In the crisis, angry people post more. */
  for (;;)
    {
      guint index = g_rand_int_range (rand, 0, self->authors->len);
      Author *author = g_ptr_array_index (self->authors, index);

      if (author->temper != TEMPER_ANGRY && days >= -10 && chance (rand, 0.35))
        continue;
      return index;
    }
}

/* Someone who would write about their own order: not a key voice. */
static guint
pick_customer (StewardDemoCommunity *self,
               GRand                *rand,
               double                days)
{
  for (;;)
    {
      guint index = pick_author (self, rand, days);
      Author *author = g_ptr_array_index (self->authors, index);

      if (author->followers < KEY_VOICE_FOLLOWERS)
        return index;
    }
}

static guint
pick_other_author (StewardDemoCommunity *self,
                   GRand                *rand,
                   guint                 not_this)
{
  Author *author = g_ptr_array_index (self->authors, not_this);

  for (guint tries = 0; tries < 100; tries++)
    {
      guint index = g_rand_int_range (rand, 0, self->authors->len);
      Author *other = g_ptr_array_index (self->authors, index);

      if (index != not_this && g_str_equal (other->language, author->language))
        return index;
    }
  return not_this;
}

static Template *
pick_template (StewardDemoCommunity *self,
               GRand                *rand,
               GPtrArray            *templates,
               Topic                 topic)
{
  g_autoptr(GPtrArray) fitting = g_ptr_array_new ();

  /* Those about @topic, and those that fit any topic. */
  for (guint i = 0; i < templates->len; i++)
    {
      Template *template = g_ptr_array_index (templates, i);

      if (template->topic == topic || template->topic == TOPIC_ANY)
        g_ptr_array_add (fitting, template);
    }
  return pick_fresh (self, rand, fitting->len > 0 ? fitting : templates);
}

/* Hours of the day (UTC+8, where most of the community lives) weighted by
 * how much people post then. */
static gint64
pick_time_in_day (GRand  *rand,
                  gint64  day_start)
{
  static const double hour_weight[24] = {
    0.3, 0.15, 0.1, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.0, 1.0, 0.9,
    1.0, 0.9, 0.8, 0.8, 0.8, 0.9, 1.0, 1.0, 1.0, 0.9, 0.8, 0.5,
  };

  for (;;)
    {
      gint64 offset = (gint64) (g_rand_double (rand) * G_TIME_SPAN_DAY);
      gint64 when = day_start + offset;
      int hour = (int) (((when / G_USEC_PER_SEC + 8 * 3600) % 86400) / 3600);

      if (g_rand_double (rand) < hour_weight[hour])
        return when;
    }
}

/* helpers: text */

static char *
expand (StewardDemoCommunity  *self,
        GRand                 *rand,
        const char            *template,
        gboolean               html,
        const char            *author_acct)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template; *p != '\0'; p++)
    {
      if (*p != '{')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (g_str_has_prefix (p, "{me}"))
        {
          if (html)
            /* Not the server's URL: its port changes from run to run,
             * and stored posts must not. */
            g_string_append_printf (out,
                                    "<span class=\"h-card\" translate=\"no\"><a href=\"%s@%s\" "
                                    "class=\"u-url mention\">@<span>%s</span></a></span>",
                                    BRAND_PROFILE_BASE, self->brand.acct, self->brand.acct);
          else
            g_string_append_printf (out, "@%s", self->brand.acct);
          p += strlen ("{me}") - 1;
        }
      else if (g_str_has_prefix (p, "{author}"))
        {
          g_string_append_printf (out, "@%s", author_acct != NULL ? author_acct : self->brand.acct);
          p += strlen ("{author}") - 1;
        }
      else if (g_str_has_prefix (p, "{order}"))
        {
          g_string_append_printf (out, "LC%02d%02d%06d",
                                  g_rand_int_range (rand, 25, 27),
                                  g_rand_int_range (rand, 1, 13),
                                  g_rand_int_range (rand, 0, 1000000));
          p += strlen ("{order}") - 1;
        }
      else if (g_str_has_prefix (p, "{days}"))
        {
          g_string_append_printf (out, "%d", g_rand_int_range (rand, 3, 17));
          p += strlen ("{days}") - 1;
        }
      else if (g_str_has_prefix (p, "{digits}"))
        {
          g_string_append_printf (out, "%04d", g_rand_int_range (rand, 0, 10000));
          p += strlen ("{digits}") - 1;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static const char *
author_acct (StewardDemoCommunity *self,
             guint                 index)
{
  if (index == NO_AUTHOR)
    return self->brand.acct;
  return ((Author *) g_ptr_array_index (self->authors, index))->acct;
}

static guint
find_author (StewardDemoCommunity *self,
             const char           *acct)
{
  for (guint i = 0; i < self->authors->len; i++)
    if (g_strcmp0 (((Author *) g_ptr_array_index (self->authors, i))->acct, acct) == 0)
      return i;
  return NO_AUTHOR;
}

/* helpers: scenes */

static Step *
add_step (GPtrArray           *plan,
          gint64               when,
          guint                author,
          StewardDemoPostKind  kind,
          char                *text,
          gboolean             html)
{
  Step *step = g_new0 (Step, 1);

  step->when = when;
  step->author = author;
  step->kind = kind;
  step->text = text;
  step->html = html;
  step->mention = kind == STEWARD_DEMO_POST_MENTION;
  g_ptr_array_add (plan, step);
  return step;
}

/* A post mentioning the brand; sometimes the brand answers in public and
 * the customer follows up, sometimes others pile on. */
static void
plan_mention (StewardDemoCommunity  *self,
              GRand                 *rand,
              GPtrArray             *plan,
              gint64                 when,
              double                 days,
              gboolean               whole_scene)
{
  guint index = pick_author (self, rand, days);
  Author *author = g_ptr_array_index (self->authors, index);
  Corpus *corpus = find_corpus (self, author->language);
  Topic topic = pick_topic (rand, days, author);
  Template *template = pick_template (self, rand, corpus->mentions, topic);
  Step *mention;

  mention = add_step (plan, when, index, STEWARD_DEMO_POST_MENTION,
                      expand (self, rand, template->text, template->html, NULL),
                      template->html);
  if (!whole_scene)
    return;

  if (template->topic != TOPIC_PRAISE && template->topic != TOPIC_STORE && chance (rand, 0.22))
    {
      Template *answer = pick_template (self, rand, corpus->brand_replies, template->topic);
      Step *reply;

      reply = add_step (plan, when + minutes (rand, 15, 300), NO_AUTHOR, STEWARD_DEMO_POST_REPLY,
                        expand (self, rand, answer->text, FALSE, author->acct), FALSE);
      reply->parent = mention;
      if (chance (rand, 0.7))
        {
          Step *followup;

          Template *answer_back = pick_template (self, rand, corpus->followups, template->topic);

          followup = add_step (plan, reply->when + minutes (rand, 20, 1200), index, STEWARD_DEMO_POST_MENTION,
                               expand (self, rand, answer_back->text, FALSE, NULL), FALSE);
          followup->parent = reply;
        }
    }

  if (template->topic >= TOPIC_SHIPPING && chance (rand, 0.15))
    {
      guint other = pick_other_author (self, rand, index);
      Step *pile_on;

      pile_on = add_step (plan, when + minutes (rand, 10, 2880), other, STEWARD_DEMO_POST_MENTION,
                          expand (self, rand, pick_fresh (self, rand, corpus->pile_on), FALSE, NULL), FALSE);
      pile_on->parent = mention;
    }
}

/* A direct conversation; the whole script, or only its first message. */
static void
plan_direct (StewardDemoCommunity  *self,
             GRand                 *rand,
             GPtrArray             *plan,
             gint64                 when,
             double                 days,
             gboolean               whole_scene)
{
  guint index = pick_customer (self, rand, days);
  Author *author = g_ptr_array_index (self->authors, index);
  Corpus *corpus = find_corpus (self, author->language);
  GPtrArray *script = pick_fresh (self, rand, corpus->conversations);
  Step *first = NULL;

  for (guint i = 0; i < (whole_scene ? script->len : 1); i++)
    {
      Line *line = g_ptr_array_index (script, i);
      Step *step;

      if (i > 0)
        when += line->brand ? minutes (rand, 10, 360) : minutes (rand, 5, 600);
      step = add_step (plan, when, line->brand ? NO_AUTHOR : index, STEWARD_DEMO_POST_DIRECT,
                       expand (self, rand, line->text, FALSE, author->acct), FALSE);
      step->conversation = first;
      if (first == NULL)
        first = step;
    }
}

static void
plan_chatter (StewardDemoCommunity  *self,
              GRand                 *rand,
              GPtrArray             *plan,
              gint64                 when)
{
  guint index = g_rand_int_range (rand, 0, self->authors->len);
  Author *author = g_ptr_array_index (self->authors, index);
  Corpus *corpus = find_corpus (self, author->language);

  add_step (plan, when, index, STEWARD_DEMO_POST_CHATTER,
            expand (self, rand, pick_fresh (self, rand, corpus->chatter), FALSE, NULL), FALSE);
}

static double
days_after_anchor (StewardDemoCommunity *self,
                   gint64                when)
{
  gint64 anchor;

  if (self->anchor == NULL)
    return 0;
  anchor = g_date_time_to_unix (self->anchor) * G_USEC_PER_SEC;
  return (double) (when - anchor) / G_TIME_SPAN_DAY;
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const Step *x = *(const Step * const *) a;
  const Step *y = *(const Step * const *) b;

  return x->when < y->when ? -1 : x->when > y->when ? 1 : 0;
}

static const char *
step_language (StewardDemoCommunity *self,
               const Step           *step)
{
  if (step->author != NO_AUTHOR)
    return ((Author *) g_ptr_array_index (self->authors, step->author))->language;
  if (step->parent != NULL || step->conversation != NULL)
    {
      /* The brand answers in its customer's language. */
      return step_language (self, step->parent != NULL ? step->parent : step->conversation);
    }
  return "en";
}

static void
remember (StewardDemoCommunity *self,
          const Step           *step,
          const char           *conversation_id,
          const char           *in_reply_to_id)
{
  StewardDemoPost *post = g_new0 (StewardDemoPost, 1);
  const char *language = step_language (self, step);

  post->id = g_strdup (step->id);
  post->conversation_id = g_strdup (conversation_id);
  post->in_reply_to_id = g_strdup (in_reply_to_id);
  post->author = g_strdup (author_acct (self, step->author));
  post->language = g_strdup (language);
  post->kind = step->kind;
  post->text = g_strdup (step->text);
  post->html = step->html;
  post->created_at = step->when;
  g_ptr_array_add (self->posts, post);
}

/* Writes @plan to @server in time order, dropping what lies after @until
 * (0: nothing is dropped). With @now, every step is dated now instead. */
static gboolean
apply_plan (StewardDemoCommunity   *self,
            StewardMastodonServer  *server,
            GPtrArray              *plan,
            gint64                  until,
            gboolean                now,
            guint                  *n_added,
            GError                **error)
{
  g_autoptr(GHashTable) last_of_conversation = g_hash_table_new (NULL, NULL);
  guint added = 0;

  g_ptr_array_sort (plan, compare_steps);

  /* A conversation cut short by @until ends with the customer, never with
   * an answer of ours: the inbox shows what people wrote. */
  for (guint i = 0; i < plan->len; i++)
    {
      Step *step = g_ptr_array_index (plan, i);

      if (step->kind == STEWARD_DEMO_POST_DIRECT && (until == 0 || step->when <= until))
        g_hash_table_insert (last_of_conversation,
                             step->conversation != NULL ? step->conversation : step, step);
    }

  for (guint i = 0; i < plan->len; i++)
    {
      Step *step = g_ptr_array_index (plan, i);
      g_autoptr(GDateTime) created_at = NULL;
      g_autofree char *conversation_id = NULL;
      StewardMastodonStatusSpec spec = { 0 };
      const char *parent_id;
      Corpus *corpus;
      const char *language;

      if (until != 0 && step->when > until)
        continue;
      if (step->kind == STEWARD_DEMO_POST_DIRECT && step->author == NO_AUTHOR &&
          g_hash_table_lookup (last_of_conversation, step->conversation) == step)
        continue;

      parent_id = step->parent != NULL ? step->parent->id : step->parent_id;
      if (step->parent != NULL && parent_id == NULL)
        continue;   /* its parent was dropped */

      if (now)
        {
          step->when = g_get_real_time ();
        }
      else
        {
          g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (step->when / G_USEC_PER_SEC);

          created_at = g_date_time_add (seconds, step->when % G_USEC_PER_SEC);
        }

      language = step_language (self, step);
      corpus = find_corpus (self, language);

      spec.author_id = step->author != NO_AUTHOR
                     ? ((Author *) g_ptr_array_index (self->authors, step->author))->id
                     : self->brand.id;
      spec.text = step->html ? NULL : step->text;
      spec.html = step->html ? step->text : NULL;
      spec.visibility = step->kind == STEWARD_DEMO_POST_DIRECT ? "direct" : "public";
      spec.in_reply_to_id = parent_id;
      spec.language = corpus->code;
      spec.created_at = created_at;

      step->id = steward_mastodon_server_add_status (server, &spec, error);
      if (step->id == NULL)
        return FALSE;

      if (step->mention)
        {
          g_autofree char *notification_id = steward_mastodon_server_add_mention (server, step->id, error);

          if (notification_id == NULL)
            return FALSE;
        }

      if (step->kind == STEWARD_DEMO_POST_DIRECT)
        {
          const char *existing = step->conversation != NULL ? step->conversation->conversation_id
                                                            : step->conversation_id;

          conversation_id = steward_mastodon_server_add_direct (server, existing, step->id, error);
          if (conversation_id == NULL)
            return FALSE;
          g_free (step->conversation_id);
          step->conversation_id = g_strdup (conversation_id);
        }

      remember (self, step, conversation_id, parent_id);
      added++;
    }

  if (n_added != NULL)
    *n_added = added;
  return TRUE;
}

static const StewardDemoPost *
pick_recent_post (StewardDemoCommunity *self,
                  GRand                *rand,
                  StewardDemoPostKind   kind,
                  gboolean              customer_text_only)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

  for (guint i = self->posts->len; i > 0 && candidates->len < 30; i--)
    {
      StewardDemoPost *post = g_ptr_array_index (self->posts, i - 1);

      if (post->kind != kind || g_str_equal (post->author, self->brand.acct))
        continue;
      if (customer_text_only && (post->html || post->edited))
        continue;
      if (find_author (self, post->author) == NO_AUTHOR)
        continue;
      g_ptr_array_add (candidates, post);
    }
  return candidates->len > 0 ? pick (rand, candidates) : NULL;
}

/* helpers: saving */

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  g_autofree char *str = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  json_builder_set_member_name (builder, name);
  if (str != NULL)
    json_builder_add_string_value (builder, str);
  else
    json_builder_add_null_value (builder);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* GObject */

static void
steward_demo_community_finalize (GObject *object)
{
  StewardDemoCommunity *self = STEWARD_DEMO_COMMUNITY (object);

  author_clear (&self->brand);
  g_clear_pointer (&self->authors, g_ptr_array_unref);
  g_clear_pointer (&self->corpora, g_ptr_array_unref);
  g_clear_pointer (&self->posts, g_ptr_array_unref);
  g_clear_pointer (&self->anchor, g_date_time_unref);
  g_clear_pointer (&self->saved_at, g_date_time_unref);

  G_OBJECT_CLASS (steward_demo_community_parent_class)->finalize (object);
}

static void
steward_demo_community_class_init (StewardDemoCommunityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_demo_community_finalize;
}

static void
steward_demo_community_init (StewardDemoCommunity *self)
{
  self->authors = g_ptr_array_new_with_free_func ((GDestroyNotify) author_free);
  self->corpora = g_ptr_array_new_with_free_func ((GDestroyNotify) corpus_free);
  self->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) post_free);
  self->seed = STEWARD_DEMO_SEED;
}

/* public API */

StewardDemoCommunity *
steward_demo_community_new (GError **error)
{
  static const char *languages[] = { "zh-Hans", "zh-Hant", "en" };
  g_autoptr(StewardDemoCommunity) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (STEWARD_TYPE_DEMO_COMMUNITY, NULL);
  if (!load_authors (self, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      Corpus *corpus = load_corpus (languages[i], error);

      if (corpus == NULL)
        return NULL;
      g_ptr_array_add (self->corpora, corpus);
    }
  return g_steal_pointer (&self);
}

const char *
steward_demo_community_get_brand_id (StewardDemoCommunity *self)
{
  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), NULL);
  return self->brand.id;
}

const char *
steward_demo_community_get_brand_acct (StewardDemoCommunity *self)
{
  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), NULL);
  return self->brand.acct;
}

const char *
steward_demo_community_get_brand_name (StewardDemoCommunity *self)
{
  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), NULL);
  return self->brand.name;
}

guint
steward_demo_community_get_n_authors (StewardDemoCommunity *self)
{
  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), 0);
  return self->authors->len;
}

const char *
steward_demo_community_get_author_acct (StewardDemoCommunity *self,
                                        guint                 index)
{
  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), NULL);
  g_return_val_if_fail (index < self->authors->len, NULL);
  return ((Author *) g_ptr_array_index (self->authors, index))->acct;
}

const char *
steward_demo_community_get_author_language (StewardDemoCommunity *self,
                                            guint                 index)
{
  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), NULL);
  g_return_val_if_fail (index < self->authors->len, NULL);
  return ((Author *) g_ptr_array_index (self->authors, index))->language;
}

gint64
steward_demo_community_get_author_followers (StewardDemoCommunity *self,
                                             guint                 index)
{
  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), -1);
  g_return_val_if_fail (index < self->authors->len, -1);
  return ((Author *) g_ptr_array_index (self->authors, index))->followers;
}

GPtrArray *
steward_demo_community_dup_templates (StewardDemoCommunity *self,
                                      const char           *language)
{
  GPtrArray *texts;
  Corpus *corpus = NULL;
  GPtrArray *plain[5];

  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->corpora->len; i++)
    if (g_str_equal (((Corpus *) g_ptr_array_index (self->corpora, i))->language, language))
      corpus = g_ptr_array_index (self->corpora, i);
  if (corpus == NULL)
    return texts;

  for (guint i = 0; i < corpus->mentions->len; i++)
    g_ptr_array_add (texts, g_strdup (((Template *) g_ptr_array_index (corpus->mentions, i))->text));
  for (guint i = 0; i < corpus->brand_replies->len; i++)
    g_ptr_array_add (texts, g_strdup (((Template *) g_ptr_array_index (corpus->brand_replies, i))->text));
  for (guint i = 0; i < corpus->followups->len; i++)
    g_ptr_array_add (texts, g_strdup (((Template *) g_ptr_array_index (corpus->followups, i))->text));
  for (guint i = 0; i < corpus->conversations->len; i++)
    {
      GPtrArray *script = g_ptr_array_index (corpus->conversations, i);

      for (guint j = 0; j < script->len; j++)
        g_ptr_array_add (texts, g_strdup (((Line *) g_ptr_array_index (script, j))->text));
    }

  plain[0] = corpus->pile_on;
  plain[1] = corpus->dm_followups;
  plain[2] = corpus->edits;
  plain[3] = corpus->chatter;
  plain[4] = NULL;
  for (guint k = 0; plain[k] != NULL; k++)
    for (guint i = 0; i < plain[k]->len; i++)
      g_ptr_array_add (texts, g_strdup (g_ptr_array_index (plain[k], i)));
  return texts;
}

void
steward_demo_community_add_accounts (StewardDemoCommunity  *self,
                                     StewardMastodonServer *server)
{
  g_return_if_fail (STEWARD_IS_DEMO_COMMUNITY (self));
  g_return_if_fail (STEWARD_IS_MASTODON_SERVER (server));

  g_free (steward_mastodon_server_set_me (server, self->brand.id, self->brand.acct, self->brand.name));
  for (guint i = 0; i < self->authors->len; i++)
    {
      Author *author = g_ptr_array_index (self->authors, i);

      g_free (steward_mastodon_server_add_account (server, author->id, author->acct, author->name));
      steward_mastodon_server_set_followers (server, author->acct, author->followers);
    }
}

gboolean
steward_demo_community_populate (StewardDemoCommunity   *self,
                                 StewardMastodonServer  *server,
                                 guint32                 seed,
                                 GDateTime              *anchor,
                                 guint                  *n_added,
                                 GError                **error)
{
  g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 anchor_us;

  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), FALSE);
  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (server), FALSE);
  g_return_val_if_fail (anchor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->seed = seed;
  g_ptr_array_set_size (self->posts, 0);
  memset (self->recent, 0, sizeof self->recent);
  self->recent_next = 0;
  g_clear_pointer (&self->anchor, g_date_time_unref);
  self->anchor = g_date_time_to_utc (anchor);
  g_clear_pointer (&self->saved_at, g_date_time_unref);
  self->saved_at = g_date_time_ref (self->anchor);
  anchor_us = g_date_time_to_unix (self->anchor) * G_USEC_PER_SEC;

  for (int day = -HISTORY_DAYS; day < 0; day++)
    {
      gint64 day_start = anchor_us + (gint64) day * G_TIME_SPAN_DAY;
      double per_day = mentions_per_day (day + 0.5);
      guint n_mentions = (guint) (per_day + g_rand_int_range (rand, -1, 2));
      guint n_directs = g_rand_int_range (rand, 0, 100) < 30 + 5 * (int) per_day ? 2 : 1;
      guint n_chatter = g_rand_int_range (rand, 1, 4);

      for (guint i = 0; i < n_mentions; i++)
        {
          gint64 when = pick_time_in_day (rand, day_start);

          plan_mention (self, rand, plan, when, days_after_anchor (self, when), TRUE);
        }
      for (guint i = 0; i < n_directs; i++)
        {
          gint64 when = pick_time_in_day (rand, day_start);

          plan_direct (self, rand, plan, when, days_after_anchor (self, when), TRUE);
        }
      for (guint i = 0; i < n_chatter; i++)
        plan_chatter (self, rand, plan, pick_time_in_day (rand, day_start));
    }

  return apply_plan (self, server, plan, anchor_us, FALSE, n_added, error);
}

gboolean
steward_demo_community_fill_gap (StewardDemoCommunity   *self,
                                 StewardMastodonServer  *server,
                                 GDateTime              *from,
                                 GDateTime              *to,
                                 guint                  *n_added,
                                 GError                **error)
{
  g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  g_autoptr(GRand) rand = NULL;
  gint64 from_us, to_us;
  guint n_scenes;

  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), FALSE);
  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (server), FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  from_us = g_date_time_to_unix (from) * G_USEC_PER_SEC + g_date_time_get_microsecond (from);
  to_us = g_date_time_to_unix (to) * G_USEC_PER_SEC + g_date_time_get_microsecond (to);
  if (n_added != NULL)
    *n_added = 0;
  if (to_us <= from_us)
    return TRUE;

  n_scenes = MIN ((to_us - from_us) / ((gint64) GAP_MINUTES_PER_SCENE * 60 * G_USEC_PER_SEC), MAX_GAP_SCENES);
  rand = g_rand_new_with_seed (self->seed ^ (guint32) (from_us / G_USEC_PER_SEC));

  for (guint i = 0; i < n_scenes; i++)
    {
      gint64 when = from_us + (gint64) (g_rand_double (rand) * (to_us - from_us));
      double days = days_after_anchor (self, when);

      if (chance (rand, 0.75))
        plan_mention (self, rand, plan, when, days, TRUE);
      else
        plan_direct (self, rand, plan, when, days, TRUE);
    }

  return apply_plan (self, server, plan, to_us, FALSE, n_added, error);
}

gboolean
steward_demo_community_add_live (StewardDemoCommunity   *self,
                                 StewardMastodonServer  *server,
                                 GRand                  *rand,
                                 guint                  *n_added,
                                 GError                **error)
{
  g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  gint64 now = g_get_real_time ();
  double days = days_after_anchor (self, now);
  double r;

  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), FALSE);
  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (server), FALSE);
  g_return_val_if_fail (rand != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  r = g_rand_double (rand);

  if (r >= 0.65 && r < 0.75)
    {
      /* The customer writes again in an open conversation. */
      const StewardDemoPost *post = pick_recent_post (self, rand, STEWARD_DEMO_POST_DIRECT, FALSE);

      if (post != NULL && post->conversation_id != NULL)
        {
          guint index = find_author (self, post->author);
          Corpus *corpus = find_corpus (self, post->language);
          Step *step;

          step = add_step (plan, now, index, STEWARD_DEMO_POST_DIRECT,
                           expand (self, rand, pick_fresh (self, rand, corpus->dm_followups), FALSE, NULL), FALSE);
          step->conversation_id = g_strdup (post->conversation_id);
          return apply_plan (self, server, plan, 0, TRUE, n_added, error);
        }
    }
  else if (r >= 0.75 && r < 0.88)
    {
      /* Someone else joins an earlier thread. */
      const StewardDemoPost *post = pick_recent_post (self, rand, STEWARD_DEMO_POST_MENTION, FALSE);

      if (post != NULL)
        {
          guint index = pick_other_author (self, rand, find_author (self, post->author));
          Corpus *corpus = find_corpus (self, post->language);
          Step *step;

          step = add_step (plan, now, index, STEWARD_DEMO_POST_MENTION,
                           expand (self, rand, pick_fresh (self, rand, corpus->pile_on), FALSE, NULL), FALSE);
          step->parent_id = g_strdup (post->id);
          return apply_plan (self, server, plan, 0, TRUE, n_added, error);
        }
    }
  else if (r >= 0.88)
    {
      /* Someone edits what they wrote. */
      StewardDemoPost *post = (StewardDemoPost *) pick_recent_post (self, rand, STEWARD_DEMO_POST_MENTION, TRUE);

      if (post != NULL)
        {
          Corpus *corpus = find_corpus (self, post->language);
          g_autofree char *suffix = expand (self, rand, pick_fresh (self, rand, corpus->edits), FALSE, NULL);
          g_autofree char *text = g_strconcat (post->text, "\n\n", suffix, NULL);

          if (!steward_mastodon_server_edit_status (server, post->id, text, error))
            return FALSE;
          g_free (post->text);
          post->text = g_steal_pointer (&text);
          post->edited = TRUE;
          if (n_added != NULL)
            *n_added = 0;
          return TRUE;
        }
    }

  if (r < 0.65 && r >= 0.5)
    plan_direct (self, rand, plan, now, days, FALSE);
  else
    plan_mention (self, rand, plan, now, days, FALSE);
  return apply_plan (self, server, plan, 0, TRUE, n_added, error);
}

GDateTime *
steward_demo_community_get_anchor (StewardDemoCommunity *self)
{
  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), NULL);
  return self->anchor;
}

GDateTime *
steward_demo_community_get_saved_at (StewardDemoCommunity *self)
{
  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), NULL);
  return self->saved_at;
}

guint
steward_demo_community_get_n_posts (StewardDemoCommunity *self)
{
  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), 0);
  return self->posts->len;
}

const StewardDemoPost *
steward_demo_community_get_post (StewardDemoCommunity *self,
                                 guint                 index)
{
  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), NULL);
  g_return_val_if_fail (index < self->posts->len, NULL);
  return g_ptr_array_index (self->posts, index);
}

gboolean
steward_demo_community_save (StewardDemoCommunity  *self,
                             const char            *path,
                             GError               **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  guint first;

  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_pointer (&self->saved_at, g_date_time_unref);
  self->saved_at = g_date_time_new_now_utc ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STATE_VERSION);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, self->seed);
  add_time_member (builder, "anchor", self->anchor);
  add_time_member (builder, "saved_at", self->saved_at);
  json_builder_set_member_name (builder, "posts");
  json_builder_begin_array (builder);
  first = self->posts->len > MAX_SAVED_POSTS ? self->posts->len - MAX_SAVED_POSTS : 0;
  for (guint i = first; i < self->posts->len; i++)
    {
      StewardDemoPost *post = g_ptr_array_index (self->posts, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "id", post->id);
      add_string_member (builder, "conversation_id", post->conversation_id);
      add_string_member (builder, "in_reply_to_id", post->in_reply_to_id);
      add_string_member (builder, "author", post->author);
      add_string_member (builder, "language", post->language);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_int_value (builder, post->kind);
      add_string_member (builder, "text", post->text);
      json_builder_set_member_name (builder, "html");
      json_builder_add_boolean_value (builder, post->html);
      json_builder_set_member_name (builder, "edited");
      json_builder_add_boolean_value (builder, post->edited);
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_int_value (builder, post->created_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  return g_file_set_contents (path, data, -1, error);
}

gboolean
steward_demo_community_load (StewardDemoCommunity  *self,
                             const char            *path,
                             GError               **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func ((GDestroyNotify) post_free);
  JsonObject *root;
  JsonArray *array;
  const char *anchor, *saved_at;

  g_return_val_if_fail (STEWARD_IS_DEMO_COMMUNITY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      (root = json_node_get_object (json_parser_get_root (parser))) == NULL ||
      json_object_get_int_member_with_default (root, "version", 0) != STATE_VERSION ||
      (anchor = json_object_get_string_member_with_default (root, "anchor", NULL)) == NULL)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED, "%s: not a demo community state", path);
      return FALSE;
    }

  array = get_array (root, "posts");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = get_object_element (array, i);
      StewardDemoPost *post;

      if (object == NULL || !json_object_has_member (object, "id"))
        continue;
      post = g_new0 (StewardDemoPost, 1);
      post->id = g_strdup (json_object_get_string_member_with_default (object, "id", NULL));
      post->conversation_id = g_strdup (json_object_get_string_member_with_default (object, "conversation_id", NULL));
      post->in_reply_to_id = g_strdup (json_object_get_string_member_with_default (object, "in_reply_to_id", NULL));
      post->author = g_strdup (json_object_get_string_member_with_default (object, "author", ""));
      post->language = g_strdup (json_object_get_string_member_with_default (object, "language", "en"));
      post->kind = CLAMP (json_object_get_int_member_with_default (object, "kind", 0),
                          STEWARD_DEMO_POST_MENTION, STEWARD_DEMO_POST_CHATTER);
      post->text = g_strdup (json_object_get_string_member_with_default (object, "text", ""));
      post->html = json_object_get_boolean_member_with_default (object, "html", FALSE);
      post->edited = json_object_get_boolean_member_with_default (object, "edited", FALSE);
      post->created_at = json_object_get_int_member_with_default (object, "created_at", 0);
      g_ptr_array_add (posts, post);
    }

  saved_at = json_object_get_string_member_with_default (root, "saved_at", NULL);
  self->seed = (guint32) json_object_get_int_member_with_default (root, "seed", STEWARD_DEMO_SEED);
  g_clear_pointer (&self->anchor, g_date_time_unref);
  self->anchor = g_date_time_new_from_iso8601 (anchor, NULL);
  g_clear_pointer (&self->saved_at, g_date_time_unref);
  self->saved_at = saved_at != NULL ? g_date_time_new_from_iso8601 (saved_at, NULL) : NULL;
  if (self->saved_at == NULL && self->anchor != NULL)
    self->saved_at = g_date_time_ref (self->anchor);
  g_ptr_array_unref (self->posts);
  self->posts = g_steal_pointer (&posts);

  if (self->anchor == NULL)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED, "%s: bad anchor time", path);
      return FALSE;
    }
  return TRUE;
}
