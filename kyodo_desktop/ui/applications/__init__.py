"""申請: subsidy applications, their page and steps, the 収支, the 試算 and the ① round."""
