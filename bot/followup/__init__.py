"""Private two-way follow-up between a lead and the reporter of a report.

The question and the answer are case entries (sealed, audited); the messages either side
receive say only that there is a question, or an answer, about a reference.

For adapters:
- `bot.followup.questions.ask_reporter(runtime, actor, reference, text) -> CaseResult`: a
  record keeper handling the report asks; the reporter gets a CaseNotice with
  notice == "question" and step == the question's number (show an "Open the question" button
  that carries the reference and that number).
- `bot.followup.answers.open_question(runtime, actor, reference, number=None)
  -> ReporterQuestion | None`: the reporter alone reads it, in a private view (audited).
- `bot.followup.answers.answer_question(runtime, actor, reference, number, text)
  -> AnswerResult`: the reporter answers once; whoever asked (and the case's holder) get a
  CaseNotice with notice == "answered".
- `bot.followup.answers.pending_questions(runtime, actor)`: the reporter's unanswered ones.
"""
