"""Projects (事業) and subsidy applications (申請): filing, judging, the steps, what a group could receive, the ① round."""
