/* SPDX-License-Identifier: Apache-2.0 */
/*
 * report_template.h: the page of `namescreen report`, cli/report_template.html, which the build
 * embeds in the binary (cmake/embed_file.cmake writes report_template.c) so that the tool needs
 * no data files to write a report.
 */
#ifndef NSC_CLI_REPORT_TEMPLATE_H
#define NSC_CLI_REPORT_TEMPLATE_H

#include <stddef.h>

/* The template, NUL-terminated; its size excludes the NUL. */
extern const char cli_report_template[];
extern const size_t cli_report_template_size;

#endif /* NSC_CLI_REPORT_TEMPLATE_H */
