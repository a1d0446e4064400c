/* steward-inbox-report.c — the response report window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-inbox-report"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "steward-inbox-report.h"
#include "steward-inbox-report-chart.h"

#define WEEK_SECONDS (7 * 24 * 3600)

struct _StewardInboxReportWindow
{
  AdwWindow                parent_instance;

  StewardContext          *context;
  StewardReport           *report;
  GCancellable            *cancellable;
  GtkFileChooserNative    *chooser;
  guint                    weeks;

  /* Template widgets */
  AdwToastOverlay         *toast_overlay;
  GtkDropDown             *range_dropdown;
  GtkStack                *stack;
  GtkSpinner              *spinner;
  AdwStatusPage           *error_page;
  GtkLabel                *period_label;
  GtkLabel                *rate_value;
  GtkLabel                *rate_detail;
  GtkLabel                *median_value;
  GtkLabel                *median_detail;
  GtkLabel                *breaches_value;
  GtkLabel                *breaches_detail;
  GtkLabel                *needed_value;
  GtkLabel                *needed_detail;
  StewardInboxReportChart *chart;
  GtkLabel                *legend_label;
  GtkGrid                 *accounts_grid;
};

typedef struct {
  char          *database_path;
  guint          weeks;
  gint64         now;
  /* results */
  StewardReport *report;
  GTimeZone     *time_zone;
  GArray        *chart_weeks;
  GStrv          labels;
} BuildData;

G_DEFINE_FINAL_TYPE (StewardInboxReportWindow, steward_inbox_report_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_WEEKS,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The choices of range_dropdown, in its order. */
static const guint week_choices[] = { 4, 12, 26 };

static void build_report (StewardInboxReportWindow *self);

/* Helpers */

static void
build_data_free (BuildData *data)
{
  g_free (data->database_path);
  g_clear_object (&data->report);
  g_clear_pointer (&data->time_zone, g_time_zone_unref);
  g_clear_pointer (&data->chart_weeks, g_array_unref);
  g_clear_pointer (&data->labels, g_strfreev);
  g_free (data);
}

static char *
format_duration (gint64 seconds)
{
  gint64 minutes = (seconds + 30) / 60;

  if (minutes < 1)
    return g_strdup (_("under a minute"));
  if (minutes < 60)
    /* Translators: a duration in minutes, abbreviated */
    return g_strdup_printf (_("%u min"), (guint) minutes);
  if (minutes < 48 * 60)
    {
      if (minutes % 60 == 0)
        /* Translators: a duration in hours, abbreviated */
        return g_strdup_printf (_("%u h"), (guint) (minutes / 60));
      /* Translators: a duration in hours and minutes, abbreviated */
      return g_strdup_printf (_("%u h %u min"), (guint) (minutes / 60), (guint) (minutes % 60));
    }

  /* Translators: a duration in days and hours, abbreviated */
  return g_strdup_printf (_("%u d %u h"), (guint) (minutes / (24 * 60)), (guint) ((minutes / 60) % 24));
}

static char *
format_rate (const StewardReportRow *row)
{
  double rate = steward_report_row_get_response_rate (row);

  /* Nothing to count is not 0 %. */
  if (rate < 0)
    return g_strdup ("—");

  /* Translators: a percentage, e.g. "75 %" */
  return g_strdup_printf (_("%d %%"), (int) lround (rate * 100));
}

static char *
format_median (const StewardReportRow *row)
{
  if (row->median_first_response < 0)
    return g_strdup ("—");

  return format_duration (row->median_first_response);
}

static char *
format_date (GDateTime *date_time)
{
  /* Translators: a date as strftime() writes it, e.g. "Mar 3, 2026" */
  return g_date_time_format (date_time, _("%b %-d, %Y"));
}

static void
show_headline (StewardInboxReportWindow *self,
               const StewardReportRow   *total)
{
  g_autofree char *rate = format_rate (total);
  g_autofree char *median = format_median (total);
  g_autofree char *breaches = g_strdup_printf ("%u", total->n_breached);
  g_autofree char *needed = g_strdup_printf ("%u", total->n_needed_reply);
  g_autofree char *rate_detail = NULL;
  g_autofree char *median_detail = NULL;
  g_autofree char *breaches_detail = NULL;
  g_autofree char *needed_detail = NULL;

  if (total->n_needed_reply == 0)
    {
      rate_detail = g_strdup (_("Nothing needed a reply"));
      median_detail = g_strdup (_("Nothing needed a reply"));
      breaches_detail = g_strdup (_("No response time ran out"));
    }
  else
    {
      /* Translators: under the response rate: "9 of 12 items that
       * needed a reply got one" */
      rate_detail = g_strdup_printf (ngettext ("%u of %u item that needed a reply got one",
                                               "%u of %u items that needed a reply got one",
                                               total->n_needed_reply),
                                     total->n_replied, total->n_needed_reply);
      if (total->n_replied == 0)
        median_detail = g_strdup (_("No reply yet"));
      else
        median_detail = g_strdup_printf (ngettext ("Over %u reply", "Over %u replies", total->n_replied),
                                         total->n_replied);
      breaches_detail = g_strdup_printf (ngettext ("Of %u item that needed a reply",
                                                   "Of %u items that needed a reply",
                                                   total->n_needed_reply),
                                         total->n_needed_reply);
    }

  needed_detail = g_strdup_printf (ngettext ("%u still without a reply", "%u still without a reply",
                                             total->n_needed_reply - total->n_replied),
                                   total->n_needed_reply - total->n_replied);

  gtk_label_set_label (self->rate_value, rate);
  gtk_label_set_label (self->rate_detail, rate_detail);
  gtk_label_set_label (self->median_value, median);
  gtk_label_set_label (self->median_detail, median_detail);
  gtk_label_set_label (self->breaches_value, breaches);
  gtk_label_set_label (self->breaches_detail, breaches_detail);
  gtk_label_set_label (self->needed_value, needed);
  gtk_label_set_label (self->needed_detail, needed_detail);
}

static void
add_cell (StewardInboxReportWindow *self,
          const char               *text,
          int                       column,
          int                       row,
          gboolean                  header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0f : 1.0f);
  if (column == 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_set_hexpand (label, TRUE);
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  if (header)
    {
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), column == 0 ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
    }
  gtk_grid_attach (self->accounts_grid, label, column, row, 1, 1);
}

static void
add_account_row (StewardInboxReportWindow *self,
                 const StewardReportRow   *row,
                 int                       index)
{
  g_autofree char *items = g_strdup_printf ("%u", row->n_items);
  g_autofree char *needed = g_strdup_printf ("%u", row->n_needed_reply);
  g_autofree char *replied = g_strdup_printf ("%u", row->n_replied);
  g_autofree char *rate = format_rate (row);
  g_autofree char *median = format_median (row);
  g_autofree char *breaches = g_strdup_printf ("%u", row->n_breached);

  add_cell (self, row->account_label != NULL ? row->account_label : _("All accounts"), 0, index, FALSE);
  add_cell (self, items, 1, index, FALSE);
  add_cell (self, needed, 2, index, FALSE);
  add_cell (self, replied, 3, index, FALSE);
  add_cell (self, rate, 4, index, FALSE);
  add_cell (self, median, 5, index, FALSE);
  add_cell (self, breaches, 6, index, FALSE);
}

static void
show_accounts (StewardInboxReportWindow *self)
{
  GPtrArray *accounts = steward_report_get_accounts (self->report);
  GtkWidget *child;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_grid))) != NULL)
    gtk_grid_remove (self->accounts_grid, child);

  add_cell (self, _("Account"), 0, row, TRUE);
  add_cell (self, _("Items"), 1, row, TRUE);
  add_cell (self, _("Needed a reply"), 2, row, TRUE);
  add_cell (self, _("Replied"), 3, row, TRUE);
  add_cell (self, _("Response rate"), 4, row, TRUE);
  add_cell (self, _("Median first response"), 5, row, TRUE);
  add_cell (self, _("SLA breaches"), 6, row, TRUE);
  row++;

  for (guint i = 0; i < accounts->len; i++)
    add_account_row (self, g_ptr_array_index (accounts, i), row++);

  if (accounts->len != 1)
    {
      gtk_grid_attach (self->accounts_grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, row++, 7, 1);
      add_account_row (self, steward_report_get_total (self->report), row);
    }
}

static void
show_report (StewardInboxReportWindow *self,
             BuildData                *data)
{
  g_autoptr(GDateTime) utc_since = NULL;
  g_autoptr(GDateTime) utc_until = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *since_text = NULL;
  g_autofree char *until_text = NULL;
  g_autofree char *period = NULL;

  g_set_object (&self->report, data->report);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);

  utc_since = g_date_time_new_from_unix_utc (steward_report_get_since (self->report));
  utc_until = g_date_time_new_from_unix_utc (steward_report_get_until (self->report) - 1);
  since = g_date_time_to_timezone (utc_since, data->time_zone);
  until = g_date_time_to_timezone (utc_until, data->time_zone);
  since_text = format_date (since);
  until_text = format_date (until);
  /* Translators: the period of the report: two dates */
  period = g_strdup_printf (_("From %s to %s, in the time zone of your business hours."),
                            since_text, until_text);
  gtk_label_set_label (self->period_label, period);

  show_headline (self, steward_report_get_total (self->report));
  steward_inbox_report_chart_set_weeks (self->chart,
                                        (const StewardChartWeek *) (gpointer) data->chart_weeks->data,
                                        data->chart_weeks->len,
                                        (const char * const *) data->labels);
  show_accounts (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", TRUE);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(StewardSlaPolicy) policy = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  GPtrArray *weekly;
  const char *tz_id;
  g_autofree gint64 *starts = NULL;
  GError *error = NULL;

  store = steward_store_open (data->database_path, &error);
  if (store == NULL ||
      (policy = steward_store_load_sla_policy (store, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Weeks start on Monday 00:00 where the team works. */
  tz_id = steward_sla_policy_get_time_zone (policy);
  if (tz_id != NULL && *tz_id != '\0')
    data->time_zone = g_time_zone_new_identifier (tz_id);
  if (data->time_zone == NULL)
    data->time_zone = g_time_zone_new_local ();

  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (data->now);

    now = g_date_time_to_timezone (utc, data->time_zone);
  }
  today = g_date_time_new (data->time_zone, g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now), 0, 0, 0);
  monday = g_date_time_add_days (today, 1 - g_date_time_get_day_of_week (today));
  since = g_date_time_add_weeks (monday, 1 - (int) data->weeks);

  data->report = steward_store_build_report (store, g_date_time_to_unix (since), data->now + 1,
                                             data->now, &error);
  if (data->report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Every week of the range has a bar, empty ones too. */
  starts = g_new0 (gint64, data->weeks);
  labels = g_ptr_array_new_with_free_func (g_free);
  data->chart_weeks = g_array_sized_new (FALSE, TRUE, sizeof (StewardChartWeek), data->weeks);
  g_array_set_size (data->chart_weeks, data->weeks);
  for (guint i = 0; i < data->weeks; i++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_weeks (since, i);

      starts[i] = g_date_time_to_unix (start);
      /* Translators: the first day of a week under a chart's bar, as
       * strftime() writes it, e.g. "Mar 3" */
      g_ptr_array_add (labels, g_date_time_format (start, _("%b %-d")));
    }
  g_ptr_array_add (labels, NULL);
  data->labels = (GStrv) g_ptr_array_steal (labels, NULL);

  weekly = steward_report_get_weekly (data->report);
  for (guint i = 0; i < weekly->len; i++)
    {
      const StewardReportRow *row = g_ptr_array_index (weekly, i);
      StewardChartWeek *week = NULL;

      /* Accounts are summed; a week is the last start at or before it. */
      for (guint j = 0; j < data->weeks; j++)
        if (starts[j] <= row->week_start)
          week = &g_array_index (data->chart_weeks, StewardChartWeek, j);
      if (week == NULL)
        continue;

      week->needed += row->n_needed_reply;
      week->replied += row->n_replied;
      week->breached += row->n_breached;
    }
  g_task_return_boolean (task, TRUE);
}

/* Callbacks */

static void
on_build_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StewardInboxReportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  BuildData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Could not build the report: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_spinner_stop (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  show_report (self, data);
}

static void
on_range_selected_cb (StewardInboxReportWindow *self,
                      GParamSpec               *pspec,
                      GtkDropDown              *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < G_N_ELEMENTS (week_choices))
    steward_inbox_report_window_set_weeks (self, week_choices[selected]);
}

static void
on_save_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StewardInboxReportWindow *self = STEWARD_INBOX_REPORT_WINDOW (object);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!steward_inbox_report_window_save_csv_finish (self, result, &error))
    {
      g_autofree char *title = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Translators: %s says why, e.g. "Permission denied" */
      title = g_markup_printf_escaped (_("Could not export the report: %s"), error->message);
      toast = adw_toast_new (title);
    }
  else
    toast = adw_toast_new (_("Report exported"));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_chooser_response_cb (GtkNativeDialog          *dialog,
                        int                       response,
                        StewardInboxReportWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      steward_inbox_report_window_save_csv_async (self, file, self->cancellable, on_save_done_cb, NULL);
    }

  g_clear_object (&self->chooser);
}

static void
steward_inbox_report_window_export_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param)
{
  StewardInboxReportWindow *self = STEWARD_INBOX_REPORT_WINDOW (widget);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->report == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the file name offered when exporting; %s is a date */
  name = g_strdup_printf (_("steward-report-%s.csv"), date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_replace_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Building */

static void
build_report (StewardInboxReportWindow *self)
{
  g_autoptr(GTask) task = NULL;
  BuildData *data;

  g_assert (STEWARD_IS_INBOX_REPORT_WINDOW (self));

  if (self->context == NULL)
    return;

  /* A new range replaces the build under way. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->report != NULL)
    {
      g_clear_object (&self->report);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", FALSE);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  data = g_new0 (BuildData, 1);
  data->database_path = steward_context_dup_database_path (self->context);
  data->weeks = self->weeks;
  data->now = g_get_real_time () / G_USEC_PER_SEC;

  task = g_task_new (self, self->cancellable, on_build_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, build_report);
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);
  g_task_run_in_thread (task, build_thread);
}

/* GObject overrides */

static void
steward_inbox_report_window_constructed (GObject *object)
{
  StewardInboxReportWindow *self = STEWARD_INBOX_REPORT_WINDOW (object);
  g_autofree char *legend = NULL;

  G_OBJECT_CLASS (steward_inbox_report_window_parent_class)->constructed (object);

  g_assert (STEWARD_IS_CONTEXT (self->context));

  /* Translators: the legend under the chart; keep the markup */
  legend = g_strdup_printf ("<span foreground=\"#3584e4\">■</span> %s    "
                            "<span alpha=\"35%%\">■</span> %s    "
                            "<span foreground=\"#e01b24\">▼</span> %s",
                            _("Replied"), _("Needed a reply"), _("SLA breaches"));
  gtk_label_set_markup (self->legend_label, legend);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Items that needed a reply and replies, per week"),
                                  -1);

  build_report (self);
}

static void
steward_inbox_report_window_dispose (GObject *object)
{
  StewardInboxReportWindow *self = STEWARD_INBOX_REPORT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_INBOX_REPORT_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_inbox_report_window_parent_class)->dispose (object);
}

static void
steward_inbox_report_window_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  StewardInboxReportWindow *self = STEWARD_INBOX_REPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_WEEKS:
      g_value_set_uint (value, self->weeks);
      break;

    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_report_window_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  StewardInboxReportWindow *self = STEWARD_INBOX_REPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_WEEKS:
      steward_inbox_report_window_set_weeks (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_report_window_class_init (StewardInboxReportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = steward_inbox_report_window_constructed;
  object_class->dispose = steward_inbox_report_window_dispose;
  object_class->get_property = steward_inbox_report_window_get_property;
  object_class->set_property = steward_inbox_report_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WEEKS] =
    g_param_spec_uint ("weeks", NULL, NULL, 1, 520, 4,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL,
                         STEWARD_TYPE_REPORT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (STEWARD_TYPE_INBOX_REPORT_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/inbox/steward-inbox-report.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, period_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, rate_value);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, rate_detail);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, median_value);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, median_detail);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, breaches_value);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, breaches_detail);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, needed_value);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, needed_detail);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, legend_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxReportWindow, accounts_grid);

  gtk_widget_class_install_action (widget_class, "report.export", NULL,
                                   steward_inbox_report_window_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "report.export", NULL);
}

static void
steward_inbox_report_window_init (StewardInboxReportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->weeks = 4;
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->range_dropdown, "notify::selected",
                           G_CALLBACK (on_range_selected_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

GtkWidget *
steward_inbox_report_window_new (GtkWindow      *parent,
                                 StewardContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);

  return g_object_new (STEWARD_TYPE_INBOX_REPORT_WINDOW,
                       "context", context,
                       "transient-for", parent,
                       NULL);
}

guint
steward_inbox_report_window_get_weeks (StewardInboxReportWindow *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_REPORT_WINDOW (self), 0);

  return self->weeks;
}

void
steward_inbox_report_window_set_weeks (StewardInboxReportWindow *self,
                                       guint                     weeks)
{
  g_return_if_fail (STEWARD_IS_INBOX_REPORT_WINDOW (self));
  g_return_if_fail (weeks > 0);

  if (self->weeks == weeks)
    return;

  self->weeks = weeks;
  for (guint i = 0; i < G_N_ELEMENTS (week_choices); i++)
    if (week_choices[i] == weeks)
      gtk_drop_down_set_selected (self->range_dropdown, i);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEEKS]);

  build_report (self);
}

StewardReport *
steward_inbox_report_window_get_report (StewardInboxReportWindow *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_REPORT_WINDOW (self), NULL);

  return self->report;
}

void
steward_inbox_report_window_save_csv_async (StewardInboxReportWindow *self,
                                            GFile                    *file,
                                            GCancellable             *cancellable,
                                            GAsyncReadyCallback       callback,
                                            gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *csv;

  g_return_if_fail (STEWARD_IS_INBOX_REPORT_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_inbox_report_window_save_csv_async);

  if (self->report == NULL)
    {
      g_task_return_new_error (task, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                               _("The report is not ready yet"));
      return;
    }

  /* Written to a temporary file and renamed over: never half a file. */
  csv = steward_report_to_csv (self->report);
  bytes = g_bytes_new_take (csv, strlen (csv));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_replace_done_cb, g_steal_pointer (&task));
}

gboolean
steward_inbox_report_window_save_csv_finish (StewardInboxReportWindow  *self,
                                             GAsyncResult              *result,
                                             GError                   **error)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_REPORT_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
