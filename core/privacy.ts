/** Masks a phone number for viewers who are not the assignee or the executive (DESIGN.md §5). */
export const maskPhone = (phone: string): string => {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
};
