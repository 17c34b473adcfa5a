package io.jenkins.plugins.ishcd.client;

/**
 * A job of an Ish CD project, from the read endpoints {@code GET /projects/{project}/jobs} and
 * {@code GET /projects/{project}/jobs/{job}}. A field the server leaves out is {@code ""}.
 *
 * @param id the fixed ID
 * @param name the machine name (editable, generated when the job is saved)
 * @param label the label shown to people
 */
public record Job(String id, String name, String label) {}
