/** Nothing to list yet, said in words with what to do next ("You're all caught up."). */
export function EmptyState({ title, children, testId }: { title: string; children?: React.ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId}>
      <p className="empty-state__title">{title}</p>
      {children && <p>{children}</p>}
    </div>
  );
}
